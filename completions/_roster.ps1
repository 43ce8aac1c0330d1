
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'roster' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'roster'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'roster' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List, create, change and remove user accounts')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List groups and roles; list, add and remove a group''s members')
            [CompletionResult]::new('people', 'people', [CompletionResultType]::ParameterValue, 'Access review: who has an account where, one row per person (email, any case)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Add, inspect, check and remove the configured profiles')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the changes that would make every profile match a people file')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make every profile match a people file (or a plan saved by `roster plan --out`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run or reset the local emulator of every vendor''s API')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the audit log of every change roster sent')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;users' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (streams page by page with -o ndjson)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one user, by id or email')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find a person''s accounts in every profile at once, by email or by text')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (invite) a user')
            [CompletionResult]::new('invite', 'invite', [CompletionResultType]::ParameterValue, 'Create (invite) a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s fields or group memberships')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create users from a CSV or JSON Lines file, in one or more profiles at once')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Deactivate (or delete) one person in every profile, all at once')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a user (you type its email or id to confirm; --yes in scripts)')
            [CompletionResult]::new('reactivate', 'reactivate', [CompletionResultType]::ParameterValue, 'Reactivate a deactivated user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (you type its email or id to confirm; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;users;list' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only members of this group (name or id)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after this many users')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Only accounts that are not deactivated (active and invited)')
            [CompletionResult]::new('--inactive', '--inactive', [CompletionResultType]::ParameterName, 'Only deactivated accounts')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;get' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;find' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;create' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The new user''s email')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Login name (paradigm: letters, digits and @ . + - _; default: the email''s local part)')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'Given name')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Family name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Put the user in this group (name or id); repeatable')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Give the user this role (id, or name where the vendor lists roles); repeatable')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Preferred language (paradigm: ar, en, fr, de)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (cradl)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free-text description (cradl)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number (amani)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Create the account active (the vendor''s default otherwise)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the new user''s password from the first line of stdin (amani)')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate a strong password for the new user, shown once in the result (amani)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;invite' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The new user''s email')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Login name (paradigm: letters, digits and @ . + - _; default: the email''s local part)')
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'Given name')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Family name')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Put the user in this group (name or id); repeatable')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Give the user this role (id, or name where the vendor lists roles); repeatable')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Preferred language (paradigm: ar, en, fr, de)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (cradl)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free-text description (cradl)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number (amani)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Create the account active (the vendor''s default otherwise)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the new user''s password from the first line of stdin (amani)')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate a strong password for the new user, shown once in the result (amani)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;update' {
            [CompletionResult]::new('--first-name', '--first-name', [CompletionResultType]::ParameterName, 'Given name')
            [CompletionResult]::new('--last-name', '--last-name', [CompletionResultType]::ParameterName, 'Family name')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Preferred language (paradigm: ar, en, fr, de)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'When the account expires (RFC 3339 with zone)')
            [CompletionResult]::new('--add-group', '--add-group', [CompletionResultType]::ParameterName, 'Add the user to this group (name or id); repeatable')
            [CompletionResult]::new('--remove-group', '--remove-group', [CompletionResultType]::ParameterName, 'Remove the user from this group (name or id); repeatable')
            [CompletionResult]::new('--add-role', '--add-role', [CompletionResultType]::ParameterName, 'Give the user this role (name or id); repeatable')
            [CompletionResult]::new('--remove-role', '--remove-role', [CompletionResultType]::ParameterName, 'Take this role from the user (name or id); repeatable')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name (cradl)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free-text description (cradl)')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number (amani)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;import' {
            [CompletionResult]::new('--if-exists', '--if-exists', [CompletionResultType]::ParameterName, 'What to do with a user whose email already exists in a profile')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight per profile at most (the profile''s rate applies too)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal file [default: under the data dir, keyed by the input and the profiles]')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write the results as CSV to this file (mode 0600); it must not exist yet')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The CSV field separator: `,`, `;` or `tab`')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'If another import is using the journal, wait for it to finish instead of exiting 75')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --report file (it may hold an earlier run''s generated passwords)')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Import the valid rows and report the invalid ones as skipped-invalid (exit 7), instead of stopping')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate a strong password for each new user (for vendors that need one), shown once in the results')
            [CompletionResult]::new('--failures-only', '--failures-only', [CompletionResultType]::ParameterName, 'Print only the rows that did not succeed (failed, skipped-invalid, not-run); the summary, the exit status and --report still cover every row')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;offboard' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--delete', '--delete', [CompletionResultType]::ParameterName, 'Delete the accounts instead of deactivating them where both are possible')
            [CompletionResult]::new('--allow-self', '--allow-self', [CompletionResultType]::ParameterName, 'Allow offboarding the user a profile itself signs in as')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;deactivate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--allow-self', '--allow-self', [CompletionResultType]::ParameterName, 'Allow deactivating the user the profile itself signs in as')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;reactivate' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--allow-self', '--allow-self', [CompletionResultType]::ParameterName, 'Allow deleting the user the profile itself signs in as')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;users;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (streams page by page with -o ndjson)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one user, by id or email')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find a person''s accounts in every profile at once, by email or by text')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (invite) a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s fields or group memberships')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create users from a CSV or JSON Lines file, in one or more profiles at once')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Deactivate (or delete) one person in every profile, all at once')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a user (you type its email or id to confirm; --yes in scripts)')
            [CompletionResult]::new('reactivate', 'reactivate', [CompletionResultType]::ParameterValue, 'Reactivate a deactivated user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (you type its email or id to confirm; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;users;help;list' {
            break
        }
        'roster;users;help;get' {
            break
        }
        'roster;users;help;find' {
            break
        }
        'roster;users;help;create' {
            break
        }
        'roster;users;help;update' {
            break
        }
        'roster;users;help;import' {
            break
        }
        'roster;users;help;offboard' {
            break
        }
        'roster;users;help;deactivate' {
            break
        }
        'roster;users;help;reactivate' {
            break
        }
        'roster;users;help;delete' {
            break
        }
        'roster;users;help;help' {
            break
        }
        'roster;groups' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups (and roles) of a profile')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of a group (by name or id)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add users (by id or email) to a group (by name or id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove users (by id or email) from a group (by name or id)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an empty group (where the vendor''s API allows it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group (you type its name or id to confirm; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;groups;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;members' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;add' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;create' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the group is for')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;groups;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups (and roles) of a profile')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of a group (by name or id)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add users (by id or email) to a group (by name or id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove users (by id or email) from a group (by name or id)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an empty group (where the vendor''s API allows it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group (you type its name or id to confirm; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;groups;help;list' {
            break
        }
        'roster;groups;help;members' {
            break
        }
        'roster;groups;help;add' {
            break
        }
        'roster;groups;help;remove' {
            break
        }
        'roster;groups;help;create' {
            break
        }
        'roster;groups;help;delete' {
            break
        }
        'roster;groups;help;help' {
            break
        }
        'roster;people' {
            [CompletionResult]::new('--stale', '--stale', [CompletionResultType]::ParameterName, 'Keep the accounts whose last login is more than DAYS days ago, or that never logged in')
            [CompletionResult]::new('--only-in', '--only-in', [CompletionResultType]::ParameterName, 'Only people with an account in PROFILE and in no other profile read')
            [CompletionResult]::new('--missing-in', '--missing-in', [CompletionResultType]::ParameterName, 'Only people with an account in another profile and none in PROFILE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile (secrets by source, never by value)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate with profiles and report who their credentials belong to')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile to the config file (asks on a terminal; flags in scripts)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (asks first; --yes in scripts)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke and remove cached login tokens (of one profile, or of every profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;profiles;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;check' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;add' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The vendor')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The API root [default: the vendor''s; amani needs one, e.g. https://eu.amani.ai; scim its SCIM root]')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Login name (bleemeo, amani)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth2 client id (cradl, scim; bleemeo to replace its public client)')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'The account to act on when a login reaches several (bleemeo)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'The OAuth2 token endpoint (cradl, scim) [default for cradl: https://auth.cradl.ai/oauth2/token]')
            [CompletionResult]::new('--dialect', '--dialect', [CompletionResultType]::ParameterName, 'The service''s known quirks (scim): rfc, entra, aws, google, slack, github [default: from the host]')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Read the API key from this environment variable (paradigm; scim''s bearer token)')
            [CompletionResult]::new('--token-command', '--token-command', [CompletionResultType]::ParameterName, 'Run this command to print the API key, e.g. "pass show paradigm/acme" (paradigm, scim)')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the login password from this environment variable (bleemeo, amani)')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this command to print the login password (bleemeo, amani)')
            [CompletionResult]::new('--client-secret-env', '--client-secret-env', [CompletionResultType]::ParameterName, 'Read the client secret from this environment variable (cradl, scim)')
            [CompletionResult]::new('--client-secret-command', '--client-secret-command', [CompletionResultType]::ParameterName, 'Run this command to print the client secret (cradl, scim)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile')
            [CompletionResult]::new('--skip-check', '--skip-check', [CompletionResultType]::ParameterName, 'Save without checking the credentials with the vendor')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;profiles;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile (secrets by source, never by value)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate with profiles and report who their credentials belong to')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile to the config file (asks on a terminal; flags in scripts)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (asks first; --yes in scripts)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke and remove cached login tokens (of one profile, or of every profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;profiles;help;list' {
            break
        }
        'roster;profiles;help;show' {
            break
        }
        'roster;profiles;help;check' {
            break
        }
        'roster;profiles;help;add' {
            break
        }
        'roster;profiles;help;remove' {
            break
        }
        'roster;profiles;help;logout' {
            break
        }
        'roster;profiles;help;help' {
            break
        }
        'roster;plan' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Save the plan as JSON to this file (mode 0600) for `roster apply PATH`; it must not exist yet')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove accounts the file does not name: deactivate, or delete where the vendor cannot deactivate')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --out file')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;apply' {
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight per profile at most (the profile''s rate applies too)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal file [default: under the data dir, keyed by the file and its profiles]')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write the results as CSV to this file (mode 0600); it must not exist yet')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove accounts the file does not name (as `roster plan --prune`)')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate a strong password for each new user of vendors that need one, shown once in the results')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --report file (it may hold an earlier run''s generated passwords)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;sandbox' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every vendor''s emulated API until Ctrl-C')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Restore the --sandbox state to its seed (demo users and groups)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;sandbox;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on: an IP or a host name such as localhost (port 0 picks a free one)')
            [CompletionResult]::new('--vendor-base-port', '--vendor-base-port', [CompletionResultType]::ParameterName, 'First of the consecutive vendor ports, in the order profiles are printed (default: the port after --listen''s; 0 picks a free port for each)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections served at once; more wait until one closes')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'Seconds a client may take to send a request''s head, or its body, before it is closed')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Milliseconds added to every answer (up to 60000)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Requests each vendor accepts, e.g. 200/s (1/h to 10000/s; replaces the documented limits)')
            [CompletionResult]::new('--fault-rate', '--fault-rate', [CompletionResultType]::ParameterName, 'Share of requests (0 to 1) that meet a random fault: 5xx, 429, reset connection, malformed JSON, a stall, or a write committed and its answer dropped')
            [CompletionResult]::new('--fault-seed', '--fault-seed', [CompletionResultType]::ParameterName, 'Seed for the fault draw, so a run can be repeated')
            [CompletionResult]::new('--seed-users', '--seed-users', [CompletionResultType]::ParameterName, 'Add this many generated users to each vendor''s seed (for benchmarks of big tenants; up to 1000000)')
            [CompletionResult]::new('--user-quota', '--user-quota', [CompletionResultType]::ParameterName, 'Users an organization may hold where the vendor has a quota (cradl; its seed allows 20; up to 10000000)')
            [CompletionResult]::new('--monthly-limit', '--monthly-limit', [CompletionResultType]::ParameterName, 'API requests Cradl''s organization may make before every further one answers 429 `Limit Exceeded`, its monthly cap (no cap by default; 0 to 1000000000)')
            [CompletionResult]::new('--stall-secs', '--stall-secs', [CompletionResultType]::ParameterName, 'Seconds the "stall" fault holds a request (0 leaves stalls out; up to 3600)')
            [CompletionResult]::new('--scim-dialect', '--scim-dialect', [CompletionResultType]::ParameterName, 'Which service''s deviations the SCIM server (/scim/v2) reproduces')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--vendor-ports', '--vendor-ports', [CompletionResultType]::ParameterName, 'Also serve each vendor at the root of its own port (and print profiles for that layout)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;sandbox;reset' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every vendor''s emulated API until Ctrl-C')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Restore the --sandbox state to its seed (demo users and groups)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;sandbox;help;serve' {
            break
        }
        'roster;sandbox;help;reset' {
            break
        }
        'roster;sandbox;help;help' {
            break
        }
        'roster;log' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines this recent: a span (90s, 30m, 12h, 7d, 2w; at most 3650d) or an RFC 3339 time')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only lines about this user (email, any case, or the vendor''s id)')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Only the lines of this run (its id, or the start of it)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Print the audit log''s path and exit')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, json/ndjson/csv for scripts')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (implies -o json; strings print raw)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured in `auto`)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive commands in scripts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the requests a change would send (secrets redacted) and send none')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no notes or warnings')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'roster;help' {
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List, create, change and remove user accounts')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'List groups and roles; list, add and remove a group''s members')
            [CompletionResult]::new('people', 'people', [CompletionResultType]::ParameterValue, 'Access review: who has an account where, one row per person (email, any case)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Add, inspect, check and remove the configured profiles')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show the changes that would make every profile match a people file')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make every profile match a people file (or a plan saved by `roster plan --out`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run or reset the local emulator of every vendor''s API')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the audit log of every change roster sent')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'roster;help;users' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users (streams page by page with -o ndjson)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one user, by id or email')
            [CompletionResult]::new('find', 'find', [CompletionResultType]::ParameterValue, 'Find a person''s accounts in every profile at once, by email or by text')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create (invite) a user')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a user''s fields or group memberships')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create users from a CSV or JSON Lines file, in one or more profiles at once')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Deactivate (or delete) one person in every profile, all at once')
            [CompletionResult]::new('deactivate', 'deactivate', [CompletionResultType]::ParameterValue, 'Deactivate a user (you type its email or id to confirm; --yes in scripts)')
            [CompletionResult]::new('reactivate', 'reactivate', [CompletionResultType]::ParameterValue, 'Reactivate a deactivated user')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user (you type its email or id to confirm; --yes in scripts)')
            break
        }
        'roster;help;users;list' {
            break
        }
        'roster;help;users;get' {
            break
        }
        'roster;help;users;find' {
            break
        }
        'roster;help;users;create' {
            break
        }
        'roster;help;users;update' {
            break
        }
        'roster;help;users;import' {
            break
        }
        'roster;help;users;offboard' {
            break
        }
        'roster;help;users;deactivate' {
            break
        }
        'roster;help;users;reactivate' {
            break
        }
        'roster;help;users;delete' {
            break
        }
        'roster;help;groups' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups (and roles) of a profile')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of a group (by name or id)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add users (by id or email) to a group (by name or id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove users (by id or email) from a group (by name or id)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an empty group (where the vendor''s API allows it)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a group (you type its name or id to confirm; --yes in scripts)')
            break
        }
        'roster;help;groups;list' {
            break
        }
        'roster;help;groups;members' {
            break
        }
        'roster;help;groups;add' {
            break
        }
        'roster;help;groups;remove' {
            break
        }
        'roster;help;groups;create' {
            break
        }
        'roster;help;groups;delete' {
            break
        }
        'roster;help;people' {
            break
        }
        'roster;help;profiles' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the configured profiles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile (secrets by source, never by value)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate with profiles and report who their credentials belong to')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile to the config file (asks on a terminal; flags in scripts)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (asks first; --yes in scripts)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke and remove cached login tokens (of one profile, or of every profile)')
            break
        }
        'roster;help;profiles;list' {
            break
        }
        'roster;help;profiles;show' {
            break
        }
        'roster;help;profiles;check' {
            break
        }
        'roster;help;profiles;add' {
            break
        }
        'roster;help;profiles;remove' {
            break
        }
        'roster;help;profiles;logout' {
            break
        }
        'roster;help;plan' {
            break
        }
        'roster;help;apply' {
            break
        }
        'roster;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve every vendor''s emulated API until Ctrl-C')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Restore the --sandbox state to its seed (demo users and groups)')
            break
        }
        'roster;help;sandbox;serve' {
            break
        }
        'roster;help;sandbox;reset' {
            break
        }
        'roster;help;log' {
            break
        }
        'roster;help;completions' {
            break
        }
        'roster;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
