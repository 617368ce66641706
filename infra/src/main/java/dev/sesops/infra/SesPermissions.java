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
            "ses:GetConfigurationSetEventDestinations",
            // the default configuration set of each expected domain (issue 11)
            "ses:GetEmailIdentity");

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

    public static final List<String> API = union(MONITOR, AUDIT, CLEANUP, API_ONLY);

    /** What the cross-account member role allows: everything any function calls in a member account. */
    public static final List<String> MEMBER = API;

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
