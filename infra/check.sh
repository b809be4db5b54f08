#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with the Bicep CLI from the Azure.Bicep.CommandLine.linux-x64
# package (restored by tests/ModelAlloy.Infra.Tests like any package). Fails on an error and on any warning:
# a warning that is acceptable is silenced where it occurs with `#disable-next-line <rule> // <reason>`.
set -euo pipefail
cd "$(dirname "$0")/.."
project=tests/ModelAlloy.Infra.Tests/ModelAlloy.Infra.Tests.csproj
dotnet restore "$project" --verbosity quiet >/dev/null
bicep=$(dotnet msbuild "$project" -getProperty:BicepPath)
[ -x "$bicep" ] || chmod +x "$bicep"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# build reports compilation errors; lint runs the linter configured in infra/bicepconfig.json.
diagnostics=$({ "$bicep" build --pattern 'infra/**/*.bicep' --outdir "$out" && "$bicep" lint --pattern 'infra/**/*.bicep'; } 2>&1) || status=$?
status=${status:-0}
[ -n "$diagnostics" ] && echo "$diagnostics"
if [ "$status" -ne 0 ] || grep -Eq ': (Warning|Error) ' <<<"$diagnostics"; then
  echo "infra/check.sh: bicep build/lint reported errors or unjustified warnings" >&2
  exit 1
fi
echo "infra/check.sh: $(find infra -name '*.bicep' | wc -l) Bicep files build and lint clean ($("$bicep" --version))"
