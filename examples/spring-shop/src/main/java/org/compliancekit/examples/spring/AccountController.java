package org.compliancekit.examples.spring;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.examples.spring.shop.Customer;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.spring.ComplianceEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service data-subject rights for the signed-in customer: the art. 15/20 export, streamed, and an erasure
 * request that an administrator carries out in the console (erasure is never automatic in this shop).
 */
@RestController
@RequestMapping("/api/account")
class AccountController {
    private final ComplianceKit kit;
    private final ComplianceEvents events;
    private final CustomerAccounts customers;

    AccountController(ComplianceKit kit, ComplianceEvents events, CustomerAccounts customers) {
        this.kit = kit;
        this.events = events;
        this.customers = customers;
    }

    @GetMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    void export(Authentication auth, HttpServletResponse response) throws IOException {
        Customer me = customers.byEmail(auth.getName()).orElseThrow();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Content-Disposition", "attachment; filename=\"my-data.json\"");
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            kit.subjectRights().export(SubjectRef.of(me.getId(), me.getEmail()), "self:" + me.getId(), out);
        }
    }

    @PostMapping("/erasure-request")
    ResponseEntity<Map<String, String>> requestErasure(Authentication auth) {
        Customer me = customers.byEmail(auth.getName()).orElseThrow();
        events.record(AuditEvent.of("erasure_request", AuditStatus.SUCCESS, "self:" + me.getId(),
                "the subject asked for erasure; an administrator carries it out").withDetails(
                Map.of("subject", "id:" + me.getId())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "received",
                "next", "an administrator erases your data and sends you the receipt"));
    }
}
