# fish completion for docklint, installed as share/fish/vendor_completions.d/docklint.fish. InstallDocsTest
# fails when an option of `docklint --help` is missing here: add each new option below.

function __docklint_rules
    docklint --list-rules 2>/dev/null | while read --local id name severity title
        set title (string trim -- $title)
        printf '%s\t%s\n' $id $title $name $title
    end
end

set --local opts 'not __fish_seen_subcommand_from lsp'
complete -c docklint -n __fish_use_subcommand -a lsp -f -d 'Run a language server (LSP over stdin/stdout)'
complete -c docklint -n '__fish_seen_subcommand_from lsp' -f

complete -c docklint -n $opts -s h -l help -d 'Print the options and exit'
complete -c docklint -n $opts -l version -d 'Print the version and exit'
complete -c docklint -n $opts -l root -r -F -d 'Lint the host tree under DIR, or a rootfs tarball'
complete -c docklint -n $opts -s f -l format -x -a 'text json sarif github gitlab checkstyle junit markdown' -d 'Output format'
complete -c docklint -n $opts -l color -x -a 'auto always never' -d 'Color and code frames in text output'
complete -c docklint -n $opts -l stdin-filename -r -F -d 'Name of the file read from standard input'
complete -c docklint -n $opts -l fix -d 'Fix daemon.json where the fix is certain'
complete -c docklint -n $opts -l unsafe-fixes -d 'With --fix, also remove insecure-registries'
complete -c docklint -n $opts -l trusted-registry -x -d 'Base images must come from here'
complete -c docklint -n $opts -l require-label -x -d 'Images must carry this label (LABEL:TYPE)'
complete -c docklint -n $opts -l strict-labels -d 'Labels not in the label schema are superfluous'
complete -c docklint -n $opts -l lint-test-files -d 'Also lint Dockerfiles in test and archive folders'
complete -c docklint -n $opts -l force-exclude -d 'Skip named Dockerfiles a walk would skip'
complete -c docklint -n $opts -l shellcheck -d 'Run ShellCheck on RUN instructions'
complete -c docklint -n $opts -l baseline -r -F -d 'Report only findings this baseline does not record'
complete -c docklint -n $opts -l baseline-write -r -F -d 'Record the findings in a baseline file'
complete -c docklint -n $opts -l failure-threshold -x -a 'error warning info style none' -d 'Exit 1 only at or above this severity'
complete -c docklint -n $opts -l ruleset -r -F -d 'Load an extra ruleset (TOML)'
complete -c docklint -n $opts -l benchmark -x -a 'cis-docker-1.6.0 cis-docker-1.7.0 cis-docker-1.8.0 cis-docker-1.13.0 sse-sec-app-docker' -d 'Run the controls of one benchmark'
complete -c docklint -n $opts -l check -x -d 'Only these controls of --benchmark (2.2,2.5)'
complete -c docklint -n $opts -l select -x -a '(__fish_complete_list , __docklint_rules)' -d 'Only these rules'
complete -c docklint -n $opts -l ignore -x -a '(__fish_complete_list , __docklint_rules)' -d 'Skip these rules'
complete -c docklint -n $opts -l list-rules -d 'List the selected rules and exit'
complete -c docklint -n $opts -l explain -x -a '(__docklint_rules)' -d 'Print a rule\'s documentation and exit'
complete -c docklint -n $opts -l summary -d 'After the findings, a per-control table'
complete -c docklint -n $opts -l docker-version -x -d 'Judge the files as this Docker Engine release would'
complete -c docklint -n $opts -s j -l jobs -x -d 'Lint on this many threads'
complete -c docklint -n $opts -l no-remediations -d 'Leave the fixes out of the --summary table'
complete -c docklint -n $opts -l config -r -F -d 'Read settings from this file'
complete -c docklint -n $opts -l no-config -d 'Read no configuration file'
complete -c docklint -n $opts -l cache-dir -r -a '(__fish_complete_directories)' -d 'Keep results between runs in this folder'
complete -c docklint -n $opts -l no-cache -d 'Neither read nor write cached results'
