# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_roster_global_optspecs
    string join \n profile= config= o/output= fields= jq= no-input y/yes dry-run v/verbose q/quiet color= sandbox h/help V/version
end

function __fish_roster_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_roster_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_roster_using_subcommand
    set -l cmd (__fish_roster_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c roster -n "__fish_roster_needs_command" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_needs_command" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_needs_command" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_needs_command" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_needs_command" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_needs_command" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_needs_command" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_needs_command" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_needs_command" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_needs_command" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_needs_command" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_needs_command" -f -a "users" -d 'List, create, change and remove user accounts'
complete -c roster -n "__fish_roster_needs_command" -f -a "groups" -d 'List groups and roles; list, add and remove a group\'s members'
complete -c roster -n "__fish_roster_needs_command" -f -a "people" -d 'Access review: who has an account where, one row per person (email, any case)'
complete -c roster -n "__fish_roster_needs_command" -f -a "profiles" -d 'Add, inspect, check and remove the configured profiles'
complete -c roster -n "__fish_roster_needs_command" -f -a "plan" -d 'Show the changes that would make every profile match a people file'
complete -c roster -n "__fish_roster_needs_command" -f -a "apply" -d 'Make every profile match a people file (or a plan saved by `roster plan --out`)'
complete -c roster -n "__fish_roster_needs_command" -f -a "sandbox" -d 'Run or reset the local emulator of every vendor\'s API'
complete -c roster -n "__fish_roster_needs_command" -f -a "log" -d 'Show the audit log of every change roster sent'
complete -c roster -n "__fish_roster_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c roster -n "__fish_roster_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "list" -d 'List users (streams page by page with -o ndjson)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "get" -d 'Show one user, by id or email'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "find" -d 'Find a person\'s accounts in every profile at once, by email or by text'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "create" -d 'Create (invite) a user'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "invite" -d 'Create (invite) a user'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "update" -d 'Change a user\'s fields or group memberships'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "import" -d 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "offboard" -d 'Deactivate (or delete) one person in every profile, all at once'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "deactivate" -d 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "reactivate" -d 'Reactivate a deactivated user'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "delete" -d 'Delete a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and not __fish_seen_subcommand_from list get find create invite update import offboard deactivate reactivate delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l group -d 'Only members of this group (name or id)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l limit -d 'Stop after this many users' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l active -d 'Only accounts that are not deactivated (active and invited)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l inactive -d 'Only deactivated accounts'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from find" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l email -d 'The new user\'s email' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l username -d 'Login name (paradigm: letters, digits and @ . + - _; default: the email\'s local part)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l first-name -d 'Given name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l last-name -d 'Family name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l group -d 'Put the user in this group (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l role -d 'Give the user this role (id, or name where the vendor lists roles); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l language -d 'Preferred language (paradigm: ar, en, fr, de)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l expires -d 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l name -d 'Display name (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l description -d 'Free-text description (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l phone -d 'Phone number (amani)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l set -d 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l active -d 'Create the account active (the vendor\'s default otherwise)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l password-stdin -d 'Read the new user\'s password from the first line of stdin (amani)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l generate-password -d 'Generate a strong password for the new user, shown once in the result (amani)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l email -d 'The new user\'s email' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l username -d 'Login name (paradigm: letters, digits and @ . + - _; default: the email\'s local part)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l first-name -d 'Given name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l last-name -d 'Family name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l group -d 'Put the user in this group (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l role -d 'Give the user this role (id, or name where the vendor lists roles); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l language -d 'Preferred language (paradigm: ar, en, fr, de)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l expires -d 'When the account expires (RFC 3339 with zone, e.g. 2027-01-31T18:00:00Z)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l name -d 'Display name (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l description -d 'Free-text description (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l phone -d 'Phone number (amani)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l set -d 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l active -d 'Create the account active (the vendor\'s default otherwise)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l password-stdin -d 'Read the new user\'s password from the first line of stdin (amani)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l generate-password -d 'Generate a strong password for the new user, shown once in the result (amani)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from invite" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l first-name -d 'Given name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l last-name -d 'Family name' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l language -d 'Preferred language (paradigm: ar, en, fr, de)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l expires -d 'When the account expires (RFC 3339 with zone)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l add-group -d 'Add the user to this group (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l remove-group -d 'Remove the user from this group (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l add-role -d 'Give the user this role (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l remove-role -d 'Take this role from the user (name or id); repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l name -d 'Display name (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l description -d 'Free-text description (cradl)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l phone -d 'Phone number (amani)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l set -d 'A vendor-only field, e.g. timezone=Europe/Paris or metadata.team=ops; repeatable' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l if-exists -d 'What to do with a user whose email already exists in a profile' -r -f -a "skip\t''
update\t''
fail\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l concurrency -d 'Requests in flight per profile at most (the profile\'s rate applies too)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l journal -d 'The journal file [default: under the data dir, keyed by the input and the profiles]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l report -d 'Also write the results as CSV to this file (mode 0600); it must not exist yet' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l delimiter -d 'The CSV field separator: `,`, `;` or `tab`' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l wait -d 'If another import is using the journal, wait for it to finish instead of exiting 75'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l force -d 'Replace an existing --report file (it may hold an earlier run\'s generated passwords)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l skip-invalid -d 'Import the valid rows and report the invalid ones as skipped-invalid (exit 7), instead of stopping'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l generate-password -d 'Generate a strong password for each new user (for vendors that need one), shown once in the results'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l failures-only -d 'Print only the rows that did not succeed (failed, skipped-invalid, not-run); the summary, the exit status and --report still cover every row'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l delete -d 'Delete the accounts instead of deactivating them where both are possible'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l allow-self -d 'Allow offboarding the user a profile itself signs in as'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from offboard" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l allow-self -d 'Allow deactivating the user the profile itself signs in as'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from deactivate" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from reactivate" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l allow-self -d 'Allow deleting the user the profile itself signs in as'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users (streams page by page with -o ndjson)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one user, by id or email'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "find" -d 'Find a person\'s accounts in every profile at once, by email or by text'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create (invite) a user'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a user\'s fields or group memberships'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "offboard" -d 'Deactivate (or delete) one person in every profile, all at once'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "deactivate" -d 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "reactivate" -d 'Reactivate a deactivated user'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "list" -d 'List the groups (and roles) of a profile'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "members" -d 'List the members of a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "add" -d 'Add users (by id or email) to a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "remove" -d 'Remove users (by id or email) from a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "create" -d 'Create an empty group (where the vendor\'s API allows it)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "delete" -d 'Delete a group (you type its name or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and not __fish_seen_subcommand_from list members add remove create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from members" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l description -d 'What the group is for' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the groups (and roles) of a profile'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "members" -d 'List the members of a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add users (by id or email) to a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove users (by id or email) from a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an empty group (where the vendor\'s API allows it)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a group (you type its name or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand people" -l stale -d 'Keep the accounts whose last login is more than DAYS days ago, or that never logged in' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l only-in -d 'Only people with an account in PROFILE and in no other profile read' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l missing-in -d 'Only people with an account in another profile and none in PROFILE' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand people" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand people" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand people" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand people" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand people" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand people" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand people" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand people" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand people" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand people" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand people" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "list" -d 'List the configured profiles'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "show" -d 'Show one profile (secrets by source, never by value)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "check" -d 'Authenticate with profiles and report who their credentials belong to'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "add" -d 'Add a profile to the config file (asks on a terminal; flags in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "remove" -d 'Remove a profile from the config file (asks first; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "logout" -d 'Revoke and remove cached login tokens (of one profile, or of every profile)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and not __fish_seen_subcommand_from list show check add remove logout help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l provider -d 'The vendor' -r -f -a "paradigm\t''
bleemeo\t''
amani\t''
cradl\t''
scim\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l base-url -d 'The API root [default: the vendor\'s; amani needs one, e.g. https://eu.amani.ai; scim its SCIM root]' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l username -d 'Login name (bleemeo, amani)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l client-id -d 'OAuth2 client id (cradl, scim; bleemeo to replace its public client)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l account-id -d 'The account to act on when a login reaches several (bleemeo)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l auth-url -d 'The OAuth2 token endpoint (cradl, scim) [default for cradl: https://auth.cradl.ai/oauth2/token]' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l dialect -d 'The service\'s known quirks (scim): rfc, entra, aws, google, slack, github [default: from the host]' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l token-env -d 'Read the API key from this environment variable (paradigm; scim\'s bearer token)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l token-command -d 'Run this command to print the API key, e.g. "pass show paradigm/acme" (paradigm, scim)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l password-env -d 'Read the login password from this environment variable (bleemeo, amani)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l password-command -d 'Run this command to print the login password (bleemeo, amani)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l client-secret-env -d 'Read the client secret from this environment variable (cradl, scim)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l client-secret-command -d 'Run this command to print the client secret (cradl, scim)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l skip-check -d 'Save without checking the credentials with the vendor'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the configured profiles'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one profile (secrets by source, never by value)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "check" -d 'Authenticate with profiles and report who their credentials belong to'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile to the config file (asks on a terminal; flags in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile from the config file (asks first; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Revoke and remove cached login tokens (of one profile, or of every profile)'
complete -c roster -n "__fish_roster_using_subcommand profiles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand plan" -l out -d 'Save the plan as JSON to this file (mode 0600) for `roster apply PATH`; it must not exist yet' -r -F
complete -c roster -n "__fish_roster_using_subcommand plan" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand plan" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand plan" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand plan" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand plan" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand plan" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand plan" -l prune -d 'Also remove accounts the file does not name: deactivate, or delete where the vendor cannot deactivate'
complete -c roster -n "__fish_roster_using_subcommand plan" -l force -d 'Replace an existing --out file'
complete -c roster -n "__fish_roster_using_subcommand plan" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand plan" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand plan" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand plan" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand plan" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand plan" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand plan" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand apply" -l concurrency -d 'Requests in flight per profile at most (the profile\'s rate applies too)' -r
complete -c roster -n "__fish_roster_using_subcommand apply" -l journal -d 'The journal file [default: under the data dir, keyed by the file and its profiles]' -r -F
complete -c roster -n "__fish_roster_using_subcommand apply" -l report -d 'Also write the results as CSV to this file (mode 0600); it must not exist yet' -r -F
complete -c roster -n "__fish_roster_using_subcommand apply" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand apply" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand apply" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand apply" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand apply" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand apply" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand apply" -l prune -d 'Also remove accounts the file does not name (as `roster plan --prune`)'
complete -c roster -n "__fish_roster_using_subcommand apply" -l generate-password -d 'Generate a strong password for each new user of vendors that need one, shown once in the results'
complete -c roster -n "__fish_roster_using_subcommand apply" -l force -d 'Replace an existing --report file (it may hold an earlier run\'s generated passwords)'
complete -c roster -n "__fish_roster_using_subcommand apply" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand apply" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand apply" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand apply" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand apply" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand apply" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand apply" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s h -l help -d 'Print help'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "serve" -d 'Serve every vendor\'s emulated API until Ctrl-C'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "reset" -d 'Restore the --sandbox state to its seed (demo users and groups)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and not __fish_seen_subcommand_from serve reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on: an IP or a host name such as localhost (port 0 picks a free one)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l vendor-base-port -d 'First of the consecutive vendor ports, in the order profiles are printed (default: the port after --listen\'s; 0 picks a free port for each)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l max-connections -d 'Connections served at once; more wait until one closes' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l read-timeout -d 'Seconds a client may take to send a request\'s head, or its body, before it is closed' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency -d 'Milliseconds added to every answer (up to 60000)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l rate-limit -d 'Requests each vendor accepts, e.g. 200/s (1/h to 10000/s; replaces the documented limits)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-rate -d 'Share of requests (0 to 1) that meet a random fault: 5xx, 429, reset connection, malformed JSON, a stall, or a write committed and its answer dropped' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fault-seed -d 'Seed for the fault draw, so a run can be repeated' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed-users -d 'Add this many generated users to each vendor\'s seed (for benchmarks of big tenants; up to 1000000)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l user-quota -d 'Users an organization may hold where the vendor has a quota (cradl; its seed allows 20; up to 10000000)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l monthly-limit -d 'API requests Cradl\'s organization may make before every further one answers 429 `Limit Exceeded`, its monthly cap (no cap by default; 0 to 1000000000)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l stall-secs -d 'Seconds the "stall" fault holds a request (0 leaves stalls out; up to 3600)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l scim-dialect -d 'Which service\'s deviations the SCIM server (/scim/v2) reproduces' -r -f -a "rfc\t''
entra\t''
aws\t''
google\t''
slack\t''
github\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l vendor-ports -d 'Also serve each vendor at the root of its own port (and print profiles for that layout)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve every vendor\'s emulated API until Ctrl-C'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Restore the --sandbox state to its seed (demo users and groups)'
complete -c roster -n "__fish_roster_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand log" -l since -d 'Only lines this recent: a span (90s, 30m, 12h, 7d, 2w; at most 3650d) or an RFC 3339 time' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l user -d 'Only lines about this user (email, any case, or the vendor\'s id)' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l run -d 'Only the lines of this run (its id, or the start of it)' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand log" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand log" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand log" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand log" -l path -d 'Print the audit log\'s path and exit'
complete -c roster -n "__fish_roster_using_subcommand log" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand log" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand log" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand log" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand log" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand log" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand log" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand completions" -l profile -d 'Profile to act on (repeat or comma-separate for commands that fan out; `all`: every profile)' -r
complete -c roster -n "__fish_roster_using_subcommand completions" -l config -d 'Config file [default: the platform config dir, e.g. ~/.config/roster/config.toml]' -r -F
complete -c roster -n "__fish_roster_using_subcommand completions" -s o -l output -d 'Output format: tables for people, json/ndjson/csv for scripts' -r -f -a "table\t''
json\t''
ndjson\t''
csv\t''"
complete -c roster -n "__fish_roster_using_subcommand completions" -l fields -d 'Only these fields, in this order: table and CSV columns, JSON keys (e.g. id,email,status)' -r
complete -c roster -n "__fish_roster_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression (implies -o json; strings print raw)' -r
complete -c roster -n "__fish_roster_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured in `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c roster -n "__fish_roster_using_subcommand completions" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c roster -n "__fish_roster_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed for destructive commands in scripts)'
complete -c roster -n "__fish_roster_using_subcommand completions" -l dry-run -d 'Show the requests a change would send (secrets redacted) and send none'
complete -c roster -n "__fish_roster_using_subcommand completions" -s v -l verbose -d 'Log each request (method, URL, status, time) on stderr; -vv adds headers and bodies, secrets redacted'
complete -c roster -n "__fish_roster_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no notes or warnings'
complete -c roster -n "__fish_roster_using_subcommand completions" -l sandbox -d 'Run against the built-in sandbox (state under the data dir, or ROSTER_SANDBOX_STATE)'
complete -c roster -n "__fish_roster_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c roster -n "__fish_roster_using_subcommand completions" -s V -l version -d 'Print version'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "users" -d 'List, create, change and remove user accounts'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "groups" -d 'List groups and roles; list, add and remove a group\'s members'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "people" -d 'Access review: who has an account where, one row per person (email, any case)'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "profiles" -d 'Add, inspect, check and remove the configured profiles'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "plan" -d 'Show the changes that would make every profile match a people file'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "apply" -d 'Make every profile match a people file (or a plan saved by `roster plan --out`)'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "sandbox" -d 'Run or reset the local emulator of every vendor\'s API'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "log" -d 'Show the audit log of every change roster sent'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c roster -n "__fish_roster_using_subcommand help; and not __fish_seen_subcommand_from users groups people profiles plan apply sandbox log completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list" -d 'List users (streams page by page with -o ndjson)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "get" -d 'Show one user, by id or email'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "find" -d 'Find a person\'s accounts in every profile at once, by email or by text'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "create" -d 'Create (invite) a user'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "update" -d 'Change a user\'s fields or group memberships'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "import" -d 'Create users from a CSV or JSON Lines file, in one or more profiles at once'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "offboard" -d 'Deactivate (or delete) one person in every profile, all at once'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "deactivate" -d 'Deactivate a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "reactivate" -d 'Reactivate a deactivated user'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "delete" -d 'Delete a user (you type its email or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "list" -d 'List the groups (and roles) of a profile'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "members" -d 'List the members of a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "add" -d 'Add users (by id or email) to a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "remove" -d 'Remove users (by id or email) from a group (by name or id)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "create" -d 'Create an empty group (where the vendor\'s API allows it)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "delete" -d 'Delete a group (you type its name or id to confirm; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "list" -d 'List the configured profiles'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "show" -d 'Show one profile (secrets by source, never by value)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "check" -d 'Authenticate with profiles and report who their credentials belong to'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "add" -d 'Add a profile to the config file (asks on a terminal; flags in scripts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "remove" -d 'Remove a profile from the config file (asks first; --yes in scripts)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from profiles" -f -a "logout" -d 'Revoke and remove cached login tokens (of one profile, or of every profile)'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve every vendor\'s emulated API until Ctrl-C'
complete -c roster -n "__fish_roster_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Restore the --sandbox state to its seed (demo users and groups)'
