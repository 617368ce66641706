package dev.sesops.infra;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SES actions each function may call: the one place to change them. Each list is what that
 * function's code calls through the SDK (SES v1 and v2 share the {@code ses:} action names), no more.
 */
public final class SesPermissions {

    public static final List<String> MONITOR = List.of(
            "ses:GetAccount",
            "ses:GetSendQuota",
            "ses:GetSendStatistics");

    public static final List<String> AUDIT = List.of(
            "ses:GetAccount",
            "ses:ListIdentities",
            "ses:GetIdentityVerificationAttributes",
            "ses:GetIdentityDkimAttributes",
            "ses:GetIdentityMailFromDomainAttributes",
            "ses:GetIdentityNotificationAttributes",
            "ses:ListConfigurationSets",
            "ses:GetConfigurationSet",
            "ses:GetConfigurationSetEventDestinations");

    public static final List<String> CLEANUP = List.of(
            "ses:GetAccount",
            "ses:ListSuppressedDestinations",
            "ses:GetSuppressedDestination",
            "ses:DeleteSuppressedDestination",
            "ses:PutSuppressedDestination",
            "ses:CreateImportJob",
            "ses:GetImportJob");

    /** What only the API calls, on top of everything the scheduled functions call. */
    public static final List<String> API_ONLY = List.of(
            "ses:VerifyEmailIdentity",
            "ses:VerifyDomainIdentity",
            "ses:VerifyDomainDkim",
            "ses:SetIdentityDkimEnabled",
            "ses:SendEmail",
            // connect-events (issue 11): the EventBridge destination on a configuration set, and its undo
            "ses:CreateConfigurationSetEventDestination",
            "ses:DeleteConfigurationSetEventDestination");

    /** What protection reads before it changes anything (the state before, for the log and resume). */
    public static final List<String> PROTECTION_READ = List.of(
            "ses:GetAccount",
            "ses:GetConfigurationSet",
            "ses:GetTenant",
            "ses:GetReputationEntity");

    /**
     * The three sending switches protection flips (pause and resume): granted only when the stack is
     * deployed with protection enabled (context {@code protectionEnabled=true}).
     */
    public static final List<String> PROTECTION_WRITE = List.of(
            "ses:PutConfigurationSetSendingOptions",
            "ses:UpdateReputationEntityCustomerManagedStatus",
            "ses:PutAccountSendingAttributes");

    /** The monitor's protector sees only account-level rates, so it can pause at most the account. */
    public static final List<String> MONITOR_PROTECTION_WRITE = List.of("ses:PutAccountSendingAttributes");

    public static final List<String> API = union(MONITOR, AUDIT, CLEANUP, API_ONLY, PROTECTION_READ);

    /** What the cross-account member role allows: everything any function calls in a member account. */
    public static final List<String> MEMBER = API;

    /** The member role with protection enabled: also the switches. */
    public static final List<String> MEMBER_WITH_PROTECTION = union(MEMBER, PROTECTION_WRITE);

    private SesPermissions() {
    }

    @SafeVarargs
    static List<String> union(List<String>... lists) {
        Set<String> all = new LinkedHashSet<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
