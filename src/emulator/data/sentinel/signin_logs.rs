//! `SigninLogs`: Entra ID's interactive sign-ins, one row per sign-in of EntraIdSignInEvents,
//! in the workspace's columns (`ResultType` as text, `LocationDetails` and `DeviceDetail` as
//! objects, `Status` with the error code).

use serde_json::json;

use super::{Rows, TableBuilder, WORKSPACE_ID};

/// Entra ID's words for the error codes the demo's sign-ins carry.
fn described(code: i64) -> &'static str {
    match code {
        0 => "",
        50126 => "Error validating credentials due to invalid username or password.",
        50074 => "Strong Authentication is required.",
        50053 => "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
        _ => "Other.",
    }
}

pub(super) fn write(from: &Rows<'_>, b: &mut TableBuilder) {
    for r in 0..from.len() {
        let code = from.long(r, "ErrorCode");
        let upn = from.text(r, "AccountUpn");
        let device_id = from.text(r, "EntraIdDeviceId");
        let risky = from.long(r, "RiskLevelAggregated") > 0;
        let risk = if risky { "medium" } else { "none" };
        b.row(from.time(r));
        b.text("TenantId", WORKSPACE_ID)
            .text("SourceSystem", "Azure AD")
            .text("Type", "SigninLogs")
            .text("Category", "SignInLogs")
            .text("OperationName", "Sign-in activity")
            .text("OperationVersion", "1.0")
            .text("Level", "4")
            .text("Resource", "Microsoft.aadiam")
            .text("ResourceProvider", "Microsoft.aadiam")
            .text("ResourceGroup", "Microsoft.aadiam")
            .set("CreatedDateTime", from.get(r, "Timestamp"))
            .text("Id", &from.text(r, "RequestId"))
            .text("OriginalRequestId", &from.text(r, "RequestId"))
            .text("CorrelationId", &from.text(r, "CorrelationId"))
            .text("UserPrincipalName", &upn)
            .text("AlternateSignInName", &upn)
            .text("SignInIdentifier", &upn)
            .text("UserDisplayName", &from.text(r, "AccountDisplayName"))
            .text("Identity", &from.text(r, "AccountDisplayName"))
            .text("UserId", &from.text(r, "AccountObjectId"))
            .text("UserType", "Member")
            .text("AppDisplayName", &from.text(r, "Application"))
            .text("AppId", &from.text(r, "ApplicationId"))
            .text("ResourceDisplayName", &from.text(r, "ResourceDisplayName"))
            .text("AADTenantId", &from.text(r, "ResourceTenantId"))
            .text("HomeTenantId", &from.text(r, "ResourceTenantId"))
            .text("ResourceTenantId", &from.text(r, "ResourceTenantId"))
            .text("IPAddress", &from.text(r, "IPAddress"))
            .text("Location", &from.text(r, "Country"))
            .json(
                "LocationDetails",
                json!({"city": from.text(r, "City"), "countryOrRegion": from.text(r, "Country")}),
            )
            .json(
                "DeviceDetail",
                json!({
                    "deviceId": device_id,
                    "displayName": from.text(r, "DeviceName"),
                    "operatingSystem": from.text(r, "OSPlatform"),
                    "browser": from.text(r, "Browser"),
                    "trustType": from.text(r, "DeviceTrustType"),
                    "isCompliant": !device_id.is_empty(),
                    "isManaged": !device_id.is_empty(),
                }),
            )
            .text("UserAgent", &from.text(r, "UserAgent"))
            .text("ClientAppUsed", &from.text(r, "ClientAppUsed"))
            .flag("IsInteractive", true)
            .text(
                "AuthenticationRequirement",
                &from.text(r, "AuthenticationRequirement"),
            )
            .text("ConditionalAccessStatus", "notApplied")
            .text("ResultType", &code.to_string())
            .text(
                "ResultSignature",
                if code == 0 { "SUCCESS" } else { "FAILURE" },
            )
            .text("ResultDescription", described(code))
            .json(
                "Status",
                json!({"errorCode": code, "failureReason": described(code)}),
            )
            .text("RiskLevelAggregated", risk)
            .text("RiskLevelDuringSignIn", risk)
            .text("RiskState", if risky { "atRisk" } else { "none" })
            .text("RiskDetail", "none")
            .flag("IsRisky", risky)
            .text("TokenIssuerType", "AzureAD");
    }
}
