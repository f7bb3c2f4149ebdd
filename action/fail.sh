# Sourced by the steps of action.yml. For a failure that the CLI could not report itself (Node.js
# missing or too old, the install failing, a usage error, a crash), it does what the CLI does on exit 2:
# an ::error annotation, a "Not judged" step summary and a SARIF file of one failed run, so that the
# upload-sarif step finds a file, and never a stale one, and the pull request shows why. Bash only: Node.js
# may be the thing that is missing.

# Escaping of a workflow command's message, as the runner reads it (the toolkit's escapeData).
opg_escape_data() {
  local s=$1
  s=${s//%/%25}
  s=${s//$'\r'/%0D}
  s=${s//$'\n'/%0A}
  printf '%s' "$s"
}

# A JSON string; control characters other than tab, CR and LF are dropped.
opg_json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\r'/\\r}
  s=${s//$'\n'/\\n}
  s=$(printf '%s' "$s" | LC_ALL=C tr -d '\000-\037\177')
  printf '"%s"' "$s"
}

# opg_failed_sarif MESSAGE: a SARIF log of one run that judged nothing.
opg_failed_sarif() {
  local message version driver
  message=$(opg_json_string "$1")
  driver='"name": "okta-push-guard"'
  # The version only where package.json says it plainly (npm writes it so): a guess would mislead.
  version=$(sed -n 's/^  "version": "\([0-9][0-9A-Za-z.+-]*\)",$/\1/p' "$GITHUB_ACTION_PATH/package.json" 2>/dev/null | head -n 1)
  if [ -n "$version" ]; then driver="$driver, \"version\": \"$version\", \"semanticVersion\": \"$version\""; fi
  cat <<SARIF
{
  "version": "2.1.0",
  "\$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "runs": [
    {
      "tool": { "driver": { $driver, "rules": [] } },
      "invocations": [
        {
          "executionSuccessful": false,
          "toolExecutionNotifications": [ { "level": "error", "message": { "text": $message } } ]
        }
      ],
      "results": []
    }
  ]
}
SARIF
}

# opg_fail MESSAGE: report the failure everywhere the CLI would have; the caller exits 2.
opg_fail() {
  local message=$1
  printf '::error title=okta-push-guard%%3A not judged::%s\n' "$(opg_escape_data "$message")"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '## okta-push-guard\n\n**Not judged:** okta-push-guard could not run, so nothing was checked; the gate fails.\n\n````text\n%s\n````\n' "$message" >>"$GITHUB_STEP_SUMMARY" || true
  fi
  if [ -n "${OPG_SARIF:-}" ]; then
    opg_failed_sarif "$message" >"$OPG_SARIF" || printf '::warning title=okta-push-guard::could not write %s\n' "$(opg_escape_data "$OPG_SARIF")"
  fi
}
