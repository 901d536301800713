//! The records of a downloaded list as `externaldata` reads them: CSV (quotes as RFC 4180
//! writes them), TSV, PSV, SCSV, and `txt`, where each line is one record of one field.

/// The formats `externaldata` reads here, by the name its `format` property gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Delimited(char),
    Lines,
}

impl Format {
    pub fn named(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "csv" => Format::Delimited(','),
            "tsv" | "tsve" => Format::Delimited('\t'),
            "psv" => Format::Delimited('|'),
            "scsv" => Format::Delimited(';'),
            "txt" | "raw" => Format::Lines,
            _ => return None,
        })
    }
}

/// The records of `text`, each a list of fields.
pub fn records(text: &str, format: Format) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Lines => text
            .lines()
            .map(|l| vec![l.strip_suffix('\r').unwrap_or(l).to_owned()])
            .collect(),
        Format::Delimited(separator) => delimited(text, separator),
    }
}

fn delimited(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    // Whether the record has anything yet: a blank line is no record.
    let mut started = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                started = true;
            }
            c if c == separator => {
                record.push(std::mem::take(&mut field));
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if started || !field.is_empty() {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                started = false;
            }
            other => {
                field.push(other);
                started = true;
            }
        }
    }
    if started || !field.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reads_quotes_doubled_quotes_and_line_breaks_inside_quotes() {
        let text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n\n";
        assert_eq!(
            records(text, Format::Delimited(',')),
            vec![
                vec!["a".to_owned(), "b".to_owned()],
                vec!["x, y".to_owned(), "say \"hi\"".to_owned()],
                vec!["two\nlines".to_owned(), String::new()],
            ]
        );
    }

    #[test]
    fn txt_is_one_field_per_line() {
        assert_eq!(
            records("1.2.3.4\r\n5.6.7.8", Format::Lines),
            vec![vec!["1.2.3.4".to_owned()], vec!["5.6.7.8".to_owned()]]
        );
    }
}
