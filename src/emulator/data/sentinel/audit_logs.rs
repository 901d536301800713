//! `AuditLogs`: Entra ID's directory audit, as a hybrid tenant's changes reach it from Active
//! Directory (IdentityDirectoryEvents): password changes and resets, group membership, unlocks.

use serde_json::json;

use super::{Rows, TableBuilder, WORKSPACE_ID};

/// (operation, category) in Entra ID's words for a directory change; `None` for what is not
/// a directory change (an SMB session, a query).
fn operation(action: &str) -> Option<(&'static str, &'static str)> {
    Some(match action {
        "Account Password changed" => ("Change user password", "UserManagement"),
        "Group Membership changed" => ("Add member to group", "GroupManagement"),
        "Account Unlocked" => ("Update user", "UserManagement"),
        "Account Supported Encryption Types changed" => ("Update device", "Device"),
        _ => return None,
    })
}

pub(super) fn write(from: &Rows<'_>, b: &mut TableBuilder) {
    for r in 0..from.len() {
        let Some((name, category)) = operation(&from.text(r, "ActionType")) else {
            continue;
        };
        let fields = match from.get(r, "AdditionalFields") {
            crate::engine::Scalar::Dynamic(json) => (*json).clone(),
            _ => serde_json::Value::Null,
        };
        let target_upn = from.text(r, "TargetAccountUpn");
        let target = if target_upn.is_empty() {
            json!({"displayName": from.text(r, "TargetDeviceName"), "type": "Device"})
        } else {
            json!({"userPrincipalName": target_upn, "displayName": from.text(r, "TargetAccountDisplayName"), "type": "User"})
        };
        let mut target = target;
        if let Some(group) = fields.get("TO.GROUP") {
            target["modifiedProperties"] =
                json!([{"displayName": "Group.DisplayName", "newValue": group}]);
        }
        let report = from.get(r, "ReportId");
        let id = format!(
            "Directory_{}",
            report.to_text().map(|t| t.into_owned()).unwrap_or_default()
        );
        b.row(from.time(r));
        b.text("TenantId", WORKSPACE_ID)
            .text("SourceSystem", "Azure AD")
            .text("Type", "AuditLogs")
            .text("OperationName", name)
            .text("ActivityDisplayName", name)
            .set("ActivityDateTime", from.get(r, "Timestamp"))
            .text("OperationVersion", "1.0")
            .text("Category", category)
            .text(
                "AADOperationType",
                if name.starts_with("Add") {
                    "Assign"
                } else {
                    "Update"
                },
            )
            .text("LoggedByService", "Core Directory")
            .text("Result", "success")
            .text("ResultType", "")
            .text("Level", "4")
            .text("Resource", "Microsoft.aadiam")
            .text("ResourceProvider", "Microsoft.aadiam")
            .text("Id", &id)
            .text("CorrelationId", &id)
            .text("Identity", &from.text(r, "AccountDisplayName"))
            .json(
                "InitiatedBy",
                json!({"user": {
                    "userPrincipalName": from.text(r, "AccountUpn"),
                    "displayName": from.text(r, "AccountDisplayName"),
                    "id": from.text(r, "AccountObjectId"),
                    "ipAddress": from.text(r, "IPAddress"),
                }}),
            )
            .json("TargetResources", json!([target]))
            .json(
                "AdditionalDetails",
                json!([{"key": "DeviceName", "value": from.text(r, "DeviceName")}]),
            );
    }
}
