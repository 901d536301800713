//! The comment header of a saved query:
//!
//! ```kql
//! // name: Encoded PowerShell
//! // description: Command lines that hide their script in base64
//! // tags: execution, powershell
//! DeviceProcessEvents
//! | where ProcessCommandLine has "-enc"
//! ```

/// A saved query, as listed and as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedQuery {
    /// Its place under the saved folder, without `.kql`: `lateral/psexec`.
    pub path: String,
    /// The header's name, else the file's.
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    /// The query, without the header.
    pub query: String,
}

impl SavedQuery {
    /// Reads a file's text; lines of the header that are not name, description or tags stay
    /// part of the query.
    pub fn parse(path: &str, text: &str) -> SavedQuery {
        let mut saved = SavedQuery {
            path: path.to_owned(),
            name: path.rsplit('/').next().unwrap_or(path).to_owned(),
            ..SavedQuery::default()
        };
        let mut body = 0;
        for line in text.split_inclusive('\n') {
            let Some(field) = line.trim().strip_prefix("//") else {
                break;
            };
            let Some((key, value)) = field.split_once(':') else {
                break;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "name" => saved.name = value.to_owned(),
                "description" => saved.description = value.to_owned(),
                "tags" => {
                    saved.tags = value
                        .split(',')
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .collect()
                }
                _ => break,
            }
            body += line.len();
        }
        saved.query = text[body..].trim_end().to_owned();
        saved
    }

    /// The file's text: the header, then the query.
    pub fn render(&self) -> String {
        let mut text = format!("// name: {}\n", one_line(&self.name));
        if !self.description.is_empty() {
            text.push_str(&format!(
                "// description: {}\n",
                one_line(&self.description)
            ));
        }
        if !self.tags.is_empty() {
            text.push_str(&format!("// tags: {}\n", one_line(&self.tags.join(", "))));
        }
        text.push_str(self.query.trim_end());
        text.push('\n');
        text
    }
}

/// A header field stays one line whatever was typed into it.
fn one_line(text: &str) -> String {
    text.split(['\r', '\n']).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_read_and_written_back_the_same() {
        let text = "// name: Encoded PowerShell\n// description: base64 scripts\n// tags: execution, powershell\nDeviceProcessEvents\n| where ProcessCommandLine has \"-enc\"\n";
        let saved = SavedQuery::parse("execution/encoded", text);
        assert_eq!(saved.name, "Encoded PowerShell");
        assert_eq!(saved.tags, ["execution", "powershell"]);
        assert!(saved.query.starts_with("DeviceProcessEvents"));
        assert_eq!(saved.render(), text);
    }

    #[test]
    fn a_file_without_a_header_is_all_query_named_after_the_file() {
        let text = "// Finds PsExec\n// by the service name\nDeviceProcessEvents";
        let saved = SavedQuery::parse("lateral/psexec", text);
        assert_eq!(saved.name, "psexec");
        assert_eq!(saved.query, text);
    }
}
