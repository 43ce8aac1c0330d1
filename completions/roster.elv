
use builtin;
use str;

set edit:completion:arg-completer[roster] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'roster'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'roster'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand users 'List, create, change and remove user accounts'
            cand groups 'List groups and roles; list, add and remove a group''s members'
            cand profiles 'Add, inspect, check and remove the configured profiles'
            cand plan 'Show the changes that would make every profile match a people file'
            cand apply 'Make every profile match a people file (or a plan saved by `roster plan --out`)'
            cand sandbox 'Run or reset the local emulator of every vendor''s API'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;users'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List users (streams page by page with -o ndjson)'
            cand get 'Show one user, by id or email'
            cand create 'Create (invite) a user'
            cand invite 'Create (invite) a user'
            cand update 'Change a user''s fields or group memberships'
            cand import 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
            cand offboard 'Deactivate (or delete) one person in every profile, all at once'
            cand deactivate 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
            cand reactivate 'Reactivate a deactivated user'
            cand delete 'Delete a user (you type its email or id to confirm; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;users;list'= {
            cand --group 'Only members of this group (name or id)'
            cand --limit 'Stop after this many users'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --active 'Only accounts that are not deactivated (active and invited)'
            cand --inactive 'Only deactivated accounts'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;get'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;create'= {
            cand --email 'The new user''s email'
            cand --username 'Login name (paradigm: letters, digits and @ . + - _; default: the email''s local part)'
            cand --first-name 'Given name'
            cand --last-name 'Family name'
            cand --group 'Put the user in this group (name or id); repeatable'
            cand --role 'Give the user this role (id, or name where the vendor lists roles); repeatable'
            cand --language 'Preferred language (paradigm: ar, en, fr, de)'
            cand --expires 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)'
            cand --name 'Display name (cradl)'
            cand --description 'Free-text description (cradl)'
            cand --phone 'Phone number (amani)'
            cand --set 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --active 'Create the account active (the vendor''s default otherwise)'
            cand --password-stdin 'Read the new user''s password from the first line of stdin (amani)'
            cand --generate-password 'Generate a strong password for the new user, shown once in the result (amani)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;invite'= {
            cand --email 'The new user''s email'
            cand --username 'Login name (paradigm: letters, digits and @ . + - _; default: the email''s local part)'
            cand --first-name 'Given name'
            cand --last-name 'Family name'
            cand --group 'Put the user in this group (name or id); repeatable'
            cand --role 'Give the user this role (id, or name where the vendor lists roles); repeatable'
            cand --language 'Preferred language (paradigm: ar, en, fr, de)'
            cand --expires 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)'
            cand --name 'Display name (cradl)'
            cand --description 'Free-text description (cradl)'
            cand --phone 'Phone number (amani)'
            cand --set 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --active 'Create the account active (the vendor''s default otherwise)'
            cand --password-stdin 'Read the new user''s password from the first line of stdin (amani)'
            cand --generate-password 'Generate a strong password for the new user, shown once in the result (amani)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;update'= {
            cand --first-name 'Given name'
            cand --last-name 'Family name'
            cand --language 'Preferred language (paradigm: ar, en, fr, de)'
            cand --expires 'When the account expires (RFC 3339 with zone)'
            cand --add-group 'Add the user to this group (name or id); repeatable'
            cand --remove-group 'Remove the user from this group (name or id); repeatable'
            cand --add-role 'Give the user this role (name or id); repeatable'
            cand --remove-role 'Take this role from the user (name or id); repeatable'
            cand --name 'Display name (cradl)'
            cand --description 'Free-text description (cradl)'
            cand --phone 'Phone number (amani)'
            cand --set 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;import'= {
            cand --if-exists 'What to do with a user whose email already exists in a profile'
            cand --concurrency 'Requests in flight per profile at most (the profile''s rate applies too)'
            cand --journal 'The journal file [default: under the data dir, keyed by the input and the profiles]'
            cand --report 'Also write the results as CSV to this file (mode 0600); it must not exist yet'
            cand --delimiter 'The CSV field separator: `,`, `;` or `tab`'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --wait 'If another import is using the journal, wait for it to finish instead of exiting 75'
            cand --force 'Replace an existing --report file (it may hold an earlier run''s generated passwords)'
            cand --skip-invalid 'Import the valid rows and report the invalid ones as skipped-invalid (exit 7), instead of stopping'
            cand --generate-password 'Generate a strong password for each new user (for vendors that need one), shown once in the results'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;offboard'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --delete 'Delete the accounts instead of deactivating them where both are possible'
            cand --allow-self 'Allow offboarding the user a profile itself signs in as'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;deactivate'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --allow-self 'Allow deactivating the user the profile itself signs in as'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;reactivate'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;delete'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --allow-self 'Allow deleting the user the profile itself signs in as'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;users;help'= {
            cand list 'List users (streams page by page with -o ndjson)'
            cand get 'Show one user, by id or email'
            cand create 'Create (invite) a user'
            cand update 'Change a user''s fields or group memberships'
            cand import 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
            cand offboard 'Deactivate (or delete) one person in every profile, all at once'
            cand deactivate 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
            cand reactivate 'Reactivate a deactivated user'
            cand delete 'Delete a user (you type its email or id to confirm; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;users;help;list'= {
        }
        &'roster;users;help;get'= {
        }
        &'roster;users;help;create'= {
        }
        &'roster;users;help;update'= {
        }
        &'roster;users;help;import'= {
        }
        &'roster;users;help;offboard'= {
        }
        &'roster;users;help;deactivate'= {
        }
        &'roster;users;help;reactivate'= {
        }
        &'roster;users;help;delete'= {
        }
        &'roster;users;help;help'= {
        }
        &'roster;groups'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the groups (and roles) of a profile'
            cand members 'List the members of a group (by name or id)'
            cand add 'Add users (by id or email) to a group (by name or id)'
            cand remove 'Remove users (by id or email) from a group (by name or id)'
            cand create 'Create an empty group (where the vendor''s API allows it)'
            cand delete 'Delete a group (you type its name or id to confirm; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;groups;list'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;members'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;add'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;remove'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;create'= {
            cand --description 'What the group is for'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;delete'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;groups;help'= {
            cand list 'List the groups (and roles) of a profile'
            cand members 'List the members of a group (by name or id)'
            cand add 'Add users (by id or email) to a group (by name or id)'
            cand remove 'Remove users (by id or email) from a group (by name or id)'
            cand create 'Create an empty group (where the vendor''s API allows it)'
            cand delete 'Delete a group (you type its name or id to confirm; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;groups;help;list'= {
        }
        &'roster;groups;help;members'= {
        }
        &'roster;groups;help;add'= {
        }
        &'roster;groups;help;remove'= {
        }
        &'roster;groups;help;create'= {
        }
        &'roster;groups;help;delete'= {
        }
        &'roster;groups;help;help'= {
        }
        &'roster;profiles'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the configured profiles'
            cand show 'Show one profile (secrets by source, never by value)'
            cand check 'Authenticate with profiles and report who their credentials belong to'
            cand add 'Add a profile to the config file (asks on a terminal; flags in scripts)'
            cand remove 'Remove a profile from the config file (asks first; --yes in scripts)'
            cand logout 'Revoke and remove cached login tokens (of one profile, or of every profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;profiles;list'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;show'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;check'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;add'= {
            cand --provider 'The vendor'
            cand --base-url 'The API root [default: the vendor''s; amani needs one, e.g. https://eu.amani.ai]'
            cand --username 'Login name (bleemeo, amani)'
            cand --client-id 'OAuth2 client id (cradl; bleemeo to replace its public client)'
            cand --account-id 'The account to act on when a login reaches several (bleemeo)'
            cand --auth-url 'The OAuth2 token endpoint (cradl) [default: https://auth.cradl.ai/oauth2/token]'
            cand --token-env 'Read the API key from this environment variable (paradigm)'
            cand --token-command 'Run this command to print the API key, e.g. "pass show paradigm/acme" (paradigm)'
            cand --password-env 'Read the login password from this environment variable (bleemeo, amani)'
            cand --password-command 'Run this command to print the login password (bleemeo, amani)'
            cand --client-secret-env 'Read the client secret from this environment variable (cradl)'
            cand --client-secret-command 'Run this command to print the client secret (cradl)'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --default 'Make it the default profile'
            cand --skip-check 'Save without checking the credentials with the vendor'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;remove'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;logout'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;profiles;help'= {
            cand list 'List the configured profiles'
            cand show 'Show one profile (secrets by source, never by value)'
            cand check 'Authenticate with profiles and report who their credentials belong to'
            cand add 'Add a profile to the config file (asks on a terminal; flags in scripts)'
            cand remove 'Remove a profile from the config file (asks first; --yes in scripts)'
            cand logout 'Revoke and remove cached login tokens (of one profile, or of every profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;profiles;help;list'= {
        }
        &'roster;profiles;help;show'= {
        }
        &'roster;profiles;help;check'= {
        }
        &'roster;profiles;help;add'= {
        }
        &'roster;profiles;help;remove'= {
        }
        &'roster;profiles;help;logout'= {
        }
        &'roster;profiles;help;help'= {
        }
        &'roster;plan'= {
            cand --out 'Save the plan as JSON to this file (mode 0600) for `roster apply PATH`; it must not exist yet'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --prune 'Also remove accounts the file does not name: deactivate, or delete where the vendor cannot deactivate'
            cand --force 'Replace an existing --out file'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;apply'= {
            cand --concurrency 'Requests in flight per profile at most (the profile''s rate applies too)'
            cand --journal 'The journal file [default: under the data dir, keyed by the file and its profiles]'
            cand --report 'Also write the results as CSV to this file (mode 0600); it must not exist yet'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --prune 'Also remove accounts the file does not name (as `roster plan --prune`)'
            cand --generate-password 'Generate a strong password for each new user of vendors that need one, shown once in the results'
            cand --force 'Replace an existing --report file (it may hold an earlier run''s generated passwords)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;sandbox'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve every vendor''s emulated API until Ctrl-C'
            cand reset 'Restore the --sandbox state to its seed (demo users and groups)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;sandbox;serve'= {
            cand --listen 'Address to listen on: an IP or a host name such as localhost (port 0 picks a free one)'
            cand --vendor-base-port 'First of the consecutive vendor ports, in the order profiles are printed (default: the port after --listen''s; 0 picks a free port for each)'
            cand --max-connections 'Connections served at once; more wait until one closes'
            cand --read-timeout 'Seconds a client may take to send a request''s head, or its body, before it is closed'
            cand --latency 'Milliseconds added to every answer (up to 60000)'
            cand --rate-limit 'Requests each vendor accepts, e.g. 200/s (1/h to 10000/s; replaces the documented limits)'
            cand --fault-rate 'Share of requests (0 to 1) that meet a random fault: 5xx, 429, reset connection, malformed JSON, a stall, or a write committed and its answer dropped'
            cand --fault-seed 'Seed for the fault draw, so a run can be repeated'
            cand --seed-users 'Add this many generated users to each vendor''s seed (for benchmarks of big tenants; up to 1000000)'
            cand --user-quota 'Users an organization may hold where the vendor has a quota (cradl; its seed allows 20; up to 10000000)'
            cand --monthly-limit 'API requests Cradl''s organization may make before every further one answers 429 `Limit Exceeded`, its monthly cap (no cap by default; 0 to 1000000000)'
            cand --stall-secs 'Seconds the "stall" fault holds a request (0 leaves stalls out; up to 3600)'
            cand --scim-dialect 'Which service''s deviations the SCIM server (/scim/v2) reproduces'
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --vendor-ports 'Also serve each vendor at the root of its own port (and print profiles for that layout)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;sandbox;reset'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;sandbox;help'= {
            cand serve 'Serve every vendor''s emulated API until Ctrl-C'
            cand reset 'Restore the --sandbox state to its seed (demo users and groups)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;sandbox;help;serve'= {
        }
        &'roster;sandbox;help;reset'= {
        }
        &'roster;sandbox;help;help'= {
        }
        &'roster;completions'= {
            cand --profile 'Profile to act on (repeat or comma-separate for commands that fan out)'
            cand --config 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]'
            cand -o 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --output 'Output format: tables for people, json/ndjson/csv for scripts'
            cand --color 'When to use colour (NO_COLOR is honoured in `auto`)'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -y 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --yes 'Answer yes to confirmations (needed for destructive commands in scripts)'
            cand --dry-run 'Show the requests a change would send (secrets redacted) and send none'
            cand -v 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand --verbose 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
            cand -q 'Print only data and errors: no notes or warnings'
            cand --quiet 'Print only data and errors: no notes or warnings'
            cand --sandbox 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'roster;help'= {
            cand users 'List, create, change and remove user accounts'
            cand groups 'List groups and roles; list, add and remove a group''s members'
            cand profiles 'Add, inspect, check and remove the configured profiles'
            cand plan 'Show the changes that would make every profile match a people file'
            cand apply 'Make every profile match a people file (or a plan saved by `roster plan --out`)'
            cand sandbox 'Run or reset the local emulator of every vendor''s API'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'roster;help;users'= {
            cand list 'List users (streams page by page with -o ndjson)'
            cand get 'Show one user, by id or email'
            cand create 'Create (invite) a user'
            cand update 'Change a user''s fields or group memberships'
            cand import 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
            cand offboard 'Deactivate (or delete) one person in every profile, all at once'
            cand deactivate 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
            cand reactivate 'Reactivate a deactivated user'
            cand delete 'Delete a user (you type its email or id to confirm; --yes in scripts)'
        }
        &'roster;help;users;list'= {
        }
        &'roster;help;users;get'= {
        }
        &'roster;help;users;create'= {
        }
        &'roster;help;users;update'= {
        }
        &'roster;help;users;import'= {
        }
        &'roster;help;users;offboard'= {
        }
        &'roster;help;users;deactivate'= {
        }
        &'roster;help;users;reactivate'= {
        }
        &'roster;help;users;delete'= {
        }
        &'roster;help;groups'= {
            cand list 'List the groups (and roles) of a profile'
            cand members 'List the members of a group (by name or id)'
            cand add 'Add users (by id or email) to a group (by name or id)'
            cand remove 'Remove users (by id or email) from a group (by name or id)'
            cand create 'Create an empty group (where the vendor''s API allows it)'
            cand delete 'Delete a group (you type its name or id to confirm; --yes in scripts)'
        }
        &'roster;help;groups;list'= {
        }
        &'roster;help;groups;members'= {
        }
        &'roster;help;groups;add'= {
        }
        &'roster;help;groups;remove'= {
        }
        &'roster;help;groups;create'= {
        }
        &'roster;help;groups;delete'= {
        }
        &'roster;help;profiles'= {
            cand list 'List the configured profiles'
            cand show 'Show one profile (secrets by source, never by value)'
            cand check 'Authenticate with profiles and report who their credentials belong to'
            cand add 'Add a profile to the config file (asks on a terminal; flags in scripts)'
            cand remove 'Remove a profile from the config file (asks first; --yes in scripts)'
            cand logout 'Revoke and remove cached login tokens (of one profile, or of every profile)'
        }
        &'roster;help;profiles;list'= {
        }
        &'roster;help;profiles;show'= {
        }
        &'roster;help;profiles;check'= {
        }
        &'roster;help;profiles;add'= {
        }
        &'roster;help;profiles;remove'= {
        }
        &'roster;help;profiles;logout'= {
        }
        &'roster;help;plan'= {
        }
        &'roster;help;apply'= {
        }
        &'roster;help;sandbox'= {
            cand serve 'Serve every vendor''s emulated API until Ctrl-C'
            cand reset 'Restore the --sandbox state to its seed (demo users and groups)'
        }
        &'roster;help;sandbox;serve'= {
        }
        &'roster;help;sandbox;reset'= {
        }
        &'roster;help;completions'= {
        }
        &'roster;help;help'= {
        }
    ]
    $completions[$command]
}
