package org.compliancekit.consoletest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.kit.ComplianceKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ConsoleEndpointsTest {
    static final RequestPostProcessor ADMIN = user(ConsoleTestApplication.ADMIN).roles("COMPLIANCE_ADMIN");
    static final RequestPostProcessor CUSTOMER = user(ConsoleTestApplication.CUSTOMER).roles("USER");

    /** Every page and endpoint of the console, each as the request that reaches it. */
    static final List<String> GETS = List.of("/compliance/", "/compliance/index.html", "/compliance/assets/console.js",
            "/compliance/api/overview", "/compliance/api/audits", "/compliance/api/audits/1",
            "/compliance/api/backups", "/compliance/api/processors", "/compliance/api/inventory",
            "/compliance/api/identities",
            "/compliance/api/runs/none");
    static final List<String> POSTS = List.of("/compliance/api/audits/verify", "/compliance/api/tools/backup",
            "/compliance/api/tools/cleanup", "/compliance/api/tools/pii-deletion", "/compliance/api/tools/daily-job",
            "/compliance/api/backups/verify",
            "/compliance/api/subjects/export", "/compliance/api/subjects/erase");

    @Autowired
    MockMvc mvc;
    @Autowired
    ComplianceKit kit;

    @Test
    void withoutSignInPagesSendToTheLoginAndEndpointsAnswer401() throws Exception {
        mvc.perform(get("/compliance/")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        for (String path : GETS.subList(3, GETS.size())) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
        }
        for (String path : POSTS) {
            mvc.perform(post(path).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void aUserWithoutTheAuthorityGets403Everywhere() throws Exception {
        for (String path : GETS) {
            mvc.perform(get(path).with(CUSTOMER)).andExpect(status().isForbidden());
        }
        for (String path : POSTS) {
            mvc.perform(post(path).with(CUSTOMER).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isForbidden());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/compliance/api/audits/verify", "/compliance/api/tools/pii-deletion",
            "/compliance/api/subjects/erase", "/compliance/api/subjects/export"})
    void stateChangingCallsWithoutTheCsrfTokenAreRefused(String path) throws Exception {
        mvc.perform(post(path).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"identity\":\"id\",\"value\":\"1\",\"dryRun\":true}"))
                .andExpect(status().isForbidden());
        mvc.perform(post(path).with(ADMIN).with(csrf().useInvalidToken()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"identity\":\"id\",\"value\":\"1\",\"dryRun\":true}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAdminSeesThePagesAndTheAuditTrail() throws Exception {
        mvc.perform(get("/compliance/").with(ADMIN)).andExpect(status().isOk())
                .andExpect(forwardedUrl("/compliance/index.html"));
        String page = mvc.perform(get("/compliance/index.html").with(ADMIN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Compliance console").contains("assets/console.js").doesNotContain("http://",
                "https://");
        mvc.perform(get("/compliance").with(ADMIN)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/compliance/api/audits/verify").with(ADMIN).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true));
        mvc.perform(get("/compliance/api/overview").with(ADMIN)).andExpect(status().isOk())
                .andExpect(jsonPath("$.chain.valid").value(true)).andExpect(jsonPath("$.backupsConfigured").value(true));
        mvc.perform(get("/compliance/api/processors").with(ADMIN))
                .andExpect(jsonPath("$[0].name").value("Postmark"));
        assertThat(mvc.perform(get("/compliance/api/inventory").with(ADMIN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("contacts").contains("Postmark");
    }

    @Test
    void piiDeletionDryRunThenExecuteIsAuditedWithTheAdminAsActor() throws Exception {
        mvc.perform(post("/compliance/api/tools/pii-deletion").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rules[0].table").value("contacts"));

        MvcResult started = mvc.perform(post("/compliance/api/tools/pii-deletion").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":false}"))
                .andExpect(status().isAccepted()).andReturn();
        String id = com.jayway.jsonpath.JsonPath.read(started.getResponse().getContentAsString(), "$.id");
        String state = awaitRun(id);
        assertThat(state).isEqualTo("DONE");

        List<AuditRecord> deletions = kit.auditLog().query(AuditQuery.all().withTypes("pii_deletion"));
        assertThat(deletions).extracting(r -> r.event().actor()).contains("console:admin");
        assertThat(deletions).anySatisfy(r -> assertThat(r.event().dryRun()).isFalse());
        mvc.perform(get("/compliance/api/audits").param("type", "pii_deletion").param("actor", "console:admin")
                        .with(ADMIN))
                .andExpect(status().isOk()).andExpect(jsonPath("$.records[0].type").value("pii_deletion"));
    }

    @Test
    void theDailyJobRunsFromTheConsoleAndHasNoDryRun() throws Exception {
        mvc.perform(post("/compliance/api/tools/daily-job").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":true}"))
                .andExpect(status().isBadRequest());
        MvcResult started = mvc.perform(post("/compliance/api/tools/daily-job").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":false}"))
                .andExpect(status().isAccepted()).andReturn();
        String id = com.jayway.jsonpath.JsonPath.read(started.getResponse().getContentAsString(), "$.id");
        assertThat(awaitRun(id)).isEqualTo("DONE");
        mvc.perform(get("/compliance/api/runs/" + id).with(ADMIN)).andExpect(jsonPath("$.result.locked").value(false));
    }

    @Test
    void backupsCanBeRunListedAndVerified() throws Exception {
        MvcResult started = mvc.perform(post("/compliance/api/tools/backup").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dryRun\":false}"))
                .andExpect(status().isAccepted()).andReturn();
        assertThat(awaitRun(com.jayway.jsonpath.JsonPath.read(started.getResponse().getContentAsString(), "$.id")))
                .isEqualTo("DONE");
        String list = mvc.perform(get("/compliance/api/backups").with(ADMIN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String folder = com.jayway.jsonpath.JsonPath.read(list, "$[0].folder");
        mvc.perform(post("/compliance/api/backups/verify").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"folder\":\"" + folder + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.problems").isEmpty());
    }

    @Test
    void subjectExportDownloadsAndErasureDryRunChangesNothing() throws Exception {
        MvcResult export = mvc.perform(post("/compliance/api/subjects/export").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"identity\":\"id\",\"value\":\"2\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"subject-export.json\""))
                .andReturn();
        assertThat(export.getResponse().getContentAsString()).contains("bob@example.com");

        mvc.perform(post("/compliance/api/subjects/erase").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"identity\":\"id\",\"value\":\"2\",\"dryRun\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(true));
        mvc.perform(post("/compliance/api/subjects/export").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"identity\":\"id\",\"value\":\"2\"}"))
                .andExpect(status().isOk());
        assertThat(kit.auditLog().query(AuditQuery.all().withTypes("data_export")))
                .extracting(r -> r.event().actor()).contains("console:admin");
    }

    @Test
    void badInputIsAClearClientError() throws Exception {
        mvc.perform(post("/compliance/api/subjects/erase").with(ADMIN).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"identity\":\"phone\",\"value\":\"1\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("identity must be one of [id, email]"));
        mvc.perform(post("/compliance/api/tools/reboot").with(ADMIN).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/compliance/api/audits").param("status", "weird").with(ADMIN))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/compliance/api/audits/999999").with(ADMIN)).andExpect(status().isNotFound());
        // identities never travel in a URL: the export is not reachable by GET
        mvc.perform(get("/compliance/api/subjects/export").param("value", "ann@example.com").with(ADMIN))
                .andExpect(status().isMethodNotAllowed());
    }

    private String awaitRun(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            MockHttpServletRequestBuilder poll = get("/compliance/api/runs/" + id).with(ADMIN);
            String body = mvc.perform(poll).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            String state = com.jayway.jsonpath.JsonPath.read(body, "$.state");
            if (!state.equals("RUNNING")) {
                return state;
            }
            Thread.onSpinWait();
        }
        return "RUNNING";
    }
}
