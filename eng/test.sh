#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, builds, packs (the end-to-end tests install
# the packs), runs every test project, and ends with one line "N passed, M failed[, K skipped]" from the results.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

results="$repo_root/artifacts/test-results"

step "check prerequisites"
"$repo_root/eng/install-test-deps.sh"

step "build"
dotnet build "$repo_root/Templates.sln" -c Release -nologo -tl:off -v:q || fail "the build failed"

step "pack (for the end-to-end tests)"
pack_all
export STRATA_PACKAGES_DIR="$packages_dir"

step "test"
rm -rf "$results"
status=0
dotnet test "$repo_root/Templates.sln" -c Release --no-build -nologo -tl:off \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

# One summary line computed from the TRX files, whatever the runner printed.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
