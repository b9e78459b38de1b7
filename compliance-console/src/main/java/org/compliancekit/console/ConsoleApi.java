package org.compliancekit.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.compliancekit.ComplianceException;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.VerifyResult;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.SubjectRef;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's JSON endpoints under {@code <path>/api}. Every state-changing call is a POST (CSRF-protected when
 * Spring Security is present); subject identities travel in request bodies, never in URLs, so they stay out of
 * access logs. Each run is recorded in the audit trail by the engines, with the signed-in user as actor.
 */
@RestController
@RequestMapping("${compliance.console.path:/compliance}/api")
class ConsoleApi {
    static final int PAGE = 50;

    private final ComplianceKit kit;
    private final ConsoleRuns runs;
    private final AtomicReference<Map<String, Object>> lastVerification = new AtomicReference<>();

    ConsoleApi(ComplianceKit kit, ConsoleRuns runs) {
        this.kit = kit;
        this.runs = runs;
    }

    /** The signed-in user, as the audit trail names the actor. */
    static String actor(Principal principal) {
        return principal == null ? "console" : "console:" + principal.getName();
    }

    @GetMapping("/overview")
    Map<String, Object> overview() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("backupsConfigured", kit.backups().isPresent());
        o.put("backupsEnabled", kit.policy().backup().enabled());
        o.put("lastBackup", kit.dailyJob().lastBackup().orElse(null));
        o.put("lastPiiDeletion", kit.dailyJob().lastPiiDeletion().orElse(null));
        o.put("rules", kit.policy().rules().size());
        o.put("chain", lastVerification.get());
        return o;
    }

    @GetMapping("/audits")
    Map<String, Object> audits(@RequestParam Optional<String> type, @RequestParam Optional<String> status,
            @RequestParam Optional<String> actor, @RequestParam Optional<Instant> from,
            @RequestParam Optional<Instant> to, @RequestParam Optional<Long> before,
            @RequestParam Optional<Integer> limit) {
        int size = Math.min(Math.max(limit.orElse(PAGE), 1), 500);
        AuditQuery q = AuditQuery.all().withLimit(size + 1).before(before.orElse(null))
                .between(from.orElse(null), to.orElse(null));
        if (type.filter(t -> !t.isBlank()).isPresent()) {
            q = q.withTypes(type.get().strip());
        }
        if (status.filter(s -> !s.isBlank()).isPresent()) {
            q = q.withStatuses(status(status.get()));
        }
        if (actor.filter(a -> !a.isBlank()).isPresent()) {
            q = q.withActor(actor.get().strip());
        }
        List<AuditRecord> page = kit.auditLog().query(q);
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> records = new ArrayList<>();
        page.stream().limit(size).forEach(r -> records.add(row(r)));
        body.put("records", records);
        body.put("next", page.size() > size ? page.get(size - 1).sequence() : null);
        return body;
    }

    @GetMapping("/audits/{sequence}")
    ResponseEntity<Map<String, Object>> audit(@PathVariable long sequence) {
        List<AuditRecord> found = kit.auditLog().query(AuditQuery.all().before(sequence + 1).withLimit(1));
        return found.stream().filter(r -> r.sequence() == sequence).findFirst()
                .map(r -> {
                    Map<String, Object> m = row(r);
                    m.put("details", r.event().details());
                    m.put("hash", r.hash());
                    m.put("previousHash", r.previousHash());
                    return ResponseEntity.ok(m);
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no audit record " + sequence)));
    }

    @PostMapping("/audits/verify")
    Map<String, Object> verify() {
        AuditVerification v = kit.auditLog().verify();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", v.valid());
        m.put("recordsChecked", v.recordsChecked());
        m.put("checkpointsChecked", v.checkpointsChecked());
        m.put("firstBreak", v.breakage().map(Object::toString).orElse(null));
        m.put("at", kit.clock().instant());
        lastVerification.set(m);
        return m;
    }

    @PostMapping("/tools/{task}")
    ResponseEntity<Object> tool(@PathVariable String task, @RequestBody(required = false) ToolRequest request,
            Principal principal) {
        boolean dryRun = request == null || request.dryRun() == null || request.dryRun();
        String who = actor(principal);
        switch (task) {
            case "backup", "cleanup" -> requireBackups();
            case "pii-deletion" -> { }
            case "daily-job" -> {
                if (dryRun) {
                    return ResponseEntity.badRequest().body(error("the daily job runs every task that is due and "
                            + "has no dry run; use the dry run of each task"));
                }
            }
            default -> {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no tool '" + task + "'"));
            }
        }
        if (dryRun) {
            return ResponseEntity.ok(run(task, who, true));
        }
        return runs.start(task, who, () -> run(task, who, false))
                .<ResponseEntity<Object>>map(r -> ResponseEntity.status(HttpStatus.ACCEPTED).body(r))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CONFLICT)
                        .body(error("another run is still going; wait for it to finish")));
    }

    private Object run(String task, String actor, boolean dryRun) {
        return switch (task) {
            case "backup" -> dryRun ? kit.dailyJob().backupDryRun(actor) : kit.dailyJob().backup(actor);
            case "cleanup" -> dryRun ? kit.dailyJob().cleanupDryRun(actor) : kit.dailyJob().cleanup(actor);
            case "daily-job" -> kit.dailyJob().run();
            default -> dryRun ? kit.dailyJob().piiDeletionDryRun(actor) : kit.dailyJob().piiDeletion(actor);
        };
    }

    @GetMapping("/runs/{id}")
    ResponseEntity<Object> runState(@PathVariable String id) {
        return runs.get(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no run " + id)));
    }

    @GetMapping("/backups")
    List<Map<String, Object>> backups() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (BackupInfo b : requireBackups().listBackups()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("folder", b.folder());
            m.put("createdAt", b.createdAt());
            m.put("status", b.status().wireName());
            m.put("tables", b.tables());
            m.put("rows", b.rows());
            m.put("storedBytes", b.storedBytes());
            m.put("authenticated", b.authenticated());
            list.add(m);
        }
        return list;
    }

    @PostMapping("/backups/verify")
    Map<String, Object> verifyBackup(@RequestBody FolderRequest request, Principal principal) {
        if (request.folder() == null || request.folder().isBlank()) {
            throw new IllegalArgumentException("name the backup folder to verify");
        }
        VerifyResult result = requireBackups().verify(request.folder(), actor(principal));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folder", result.folder());
        m.put("ok", result.ok());
        m.put("problems", result.problems());
        m.put("files", result.files());
        return m;
    }

    /** The identities a request may name the subject by: its id, its email and those the map declares. */
    @GetMapping("/identities")
    Set<String> identities() {
        Set<String> names = new java.util.LinkedHashSet<>(List.of(SubjectRef.ID, SubjectRef.EMAIL));
        kit.policy().map().tables().forEach(t -> t.identities().forEach(i -> names.add(i.identity())));
        return names;
    }

    @PostMapping(value = "/subjects/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    void export(@RequestBody SubjectRequest request, Principal principal, HttpServletResponse response)
            throws IOException {
        SubjectRef subject = request.subject(identities());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Content-Disposition", "attachment; filename=\"subject-export.json\"");
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            kit.subjectRights().export(subject, actor(principal), out);
        }
    }

    @PostMapping("/subjects/erase")
    Object erase(@RequestBody SubjectRequest request, Principal principal) {
        SubjectRef subject = request.subject(identities());
        return request.isDryRun() ? kit.subjectRights().dryRun(subject, actor(principal))
                : kit.subjectRights().erase(subject, actor(principal));
    }

    @GetMapping("/processors")
    Object processors() {
        return kit.policy().map().processors();
    }

    @GetMapping(value = "/inventory", produces = MediaType.TEXT_HTML_VALUE)
    String inventory() {
        return kit.inventory().html();
    }

    @ExceptionHandler(ComplianceException.class)
    ResponseEntity<Map<String, Object>> failed(ComplianceException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(error(e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(error(e.getMessage()));
    }

    private Backups requireBackups() {
        return kit.backups().orElseThrow(() -> new IllegalArgumentException(
                "no backup store is configured for this application"));
    }

    private static Map<String, Object> row(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", r.sequence());
        m.put("occurredAt", r.occurredAt());
        m.put("type", r.event().type());
        m.put("status", r.event().status().wireName());
        m.put("actor", r.event().actor());
        m.put("summary", r.event().summary());
        m.put("dryRun", r.event().dryRun());
        return m;
    }

    private static AuditStatus status(String wire) {
        for (AuditStatus s : AuditStatus.values()) {
            if (s.wireName().equals(wire.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be one of " + Set.of(AuditStatus.values()).stream()
                .map(AuditStatus::wireName).sorted().toList());
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    /** A tool run: dry run (the default) or execute. */
    record ToolRequest(Boolean dryRun) {
    }

    /** A backup folder to verify. */
    record FolderRequest(String folder) {
    }

    /**
     * A data-subject request by one identity.
     *
     * @param identity {@code id}, {@code email} or an identity the map declares
     * @param value the identity's value
     * @param dryRun for erasure: report what would change and change nothing
     */
    record SubjectRequest(String identity, String value, Boolean dryRun) {
        boolean isDryRun() {
            return dryRun != null && dryRun;
        }

        SubjectRef subject(Set<String> declared) {
            if (identity == null || !declared.contains(identity)) {
                throw new IllegalArgumentException("identity must be one of " + declared);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the subject's " + identity + " is empty");
            }
            return SubjectRef.ofIdentity(identity, value.strip());
        }
    }
}
