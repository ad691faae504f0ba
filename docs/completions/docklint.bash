# bash completion for docklint                                   -*- shell-script -*-
# Installed as share/bash-completion/completions/docklint. InstallDocsTest fails when an option of
# `docklint --help` is missing here: add each new option to `options` (and to the cases below if it takes a
# value).

_docklint_rules() {
  docklint --list-rules 2>/dev/null | while read -r id name _; do printf '%s\n%s\n' "$id" "$name"; done
}

_docklint() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} i
  # `--format=json`: bash splits at "=" (COMP_WORDBREAKS), so the option is one or two words back.
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  [[ ${COMP_WORDS[1]} == lsp ]] && ((COMP_CWORD > 1)) && return 0

  local options="-h --help --version --root -f --format --color --stdin-filename --fix --unsafe-fixes
    --trusted-registry --require-label --strict-labels --lint-test-files --force-exclude --shellcheck
    --baseline --baseline-write --failure-threshold --ruleset --benchmark --check --select --ignore
    --list-rules --explain --summary --docker-version -j --jobs --no-remediations --config --no-config
    --cache-dir --no-cache"

  case $prev in
    -f | --format)
      mapfile -t COMPREPLY < <(compgen -W 'text json sarif github gitlab checkstyle junit markdown' -- "$cur")
      return 0
      ;;
    --color)
      mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
      return 0
      ;;
    --failure-threshold)
      mapfile -t COMPREPLY < <(compgen -W 'error warning info style none' -- "$cur")
      return 0
      ;;
    --benchmark)
      mapfile -t COMPREPLY < <(compgen -W 'cis-docker-1.6.0 cis-docker-1.7.0 cis-docker-1.8.0 cis-docker-1.13.0
        sse-sec-app-docker' -- "$cur")
      return 0
      ;;
    --explain)
      mapfile -t COMPREPLY < <(compgen -W "$(_docklint_rules)" -- "$cur")
      return 0
      ;;
    --select | --ignore)
      # A comma list: complete its last item.
      local head=
      [[ $cur == *,* ]] && head=${cur%,*},
      mapfile -t COMPREPLY < <(compgen -P "$head" -W "$(_docklint_rules)" -- "${cur##*,}")
      return 0
      ;;
    --root | --stdin-filename | --baseline | --baseline-write | --ruleset | --config | --cache-dir)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --trusted-registry | --require-label | --check | --docker-version | -j | --jobs)
      return 0
      ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  # The first word may be the `lsp` subcommand instead of a path.
  if ((COMP_CWORD == 1)); then
    for i in $(compgen -W lsp -- "$cur"); do COMPREPLY+=("$i"); done
  fi
  return 0
}

complete -F _docklint docklint
