package org.compliancekit.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the admin console, under {@code compliance.console}. The console is off until enabled, lives under
 * one path, and needs one authority; without Spring Security it refuses to start unless told otherwise.
 */
@ConfigurationProperties(prefix = "compliance.console")
public class ConsoleProperties {
    /** Default path of the console. */
    public static final String DEFAULT_PATH = "/compliance";
    /** Default authority a user needs to open any console page or call any console endpoint. */
    public static final String DEFAULT_AUTHORITY = "ROLE_COMPLIANCE_ADMIN";

    /** Whether the console's pages and endpoints are served. */
    private boolean enabled = false;

    /** Where the console is served: pages under this path, JSON endpoints under its {@code /api}. */
    private String path = DEFAULT_PATH;

    /** The authority a signed-in user needs for every console page and endpoint. */
    private String authority = DEFAULT_AUTHORITY;

    /**
     * Where an unauthenticated visitor of a console page is sent to sign in (the application's login page).
     * Endpoints answer 401 instead.
     */
    private String loginPath = "/login";

    /**
     * Serve the console without Spring Security. Only for a console reachable by administrators alone (e.g. bound
     * to a private interface); anyone who reaches it can run backups and erasures.
     */
    private boolean allowUnsecured = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getAuthority() {
        return authority;
    }

    public void setAuthority(String authority) {
        this.authority = authority;
    }

    public String getLoginPath() {
        return loginPath;
    }

    public void setLoginPath(String loginPath) {
        this.loginPath = loginPath;
    }

    public boolean isAllowUnsecured() {
        return allowUnsecured;
    }

    public void setAllowUnsecured(boolean allowUnsecured) {
        this.allowUnsecured = allowUnsecured;
    }

    /** The path without a trailing slash, validated: it must start with {@code /} and hold no wildcard. */
    String basePath() {
        String p = path == null ? "" : path.strip();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalStateException("compliance.console.path must be a plain path such as /compliance, was '"
                    + path + "'");
        }
        return p;
    }
}
