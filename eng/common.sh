#!/usr/bin/env bash
# Shared by the eng/ scripts: repository paths and the packing step.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# STRATA_PACKAGES_OUT lets two runs on one machine (a benchmark and the tests) pack without racing.
packages_dir="${STRATA_PACKAGES_OUT:-$repo_root/artifacts/packages}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Packs Strata.Sdk, Strata.Migrations, Strata.Hosting and Strata.Templates into artifacts/packages (replacing older copies).
pack_all() {
  rm -rf "$packages_dir"
  dotnet pack "$repo_root/Templates.sln" -c Release -nologo -v:q -p:PackageOutputPath="$packages_dir" >/dev/null \
    || { dotnet pack "$repo_root/Templates.sln" -c Release -nologo -v:q -p:PackageOutputPath="$packages_dir"; fail "dotnet pack failed"; }
  local package
  for package in Strata.Sdk Strata.Migrations Strata.Hosting Strata.Templates; do
    ls "$packages_dir/$package".[0-9]*.nupkg >/dev/null 2>&1 || fail "dotnet pack did not produce $package in $packages_dir"
  done
}

# A NuGet.config for a scratch folder: the local feed first, then the normal source for everything else.
write_scratch_nuget_config() {
  cat > "$1/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="strata-local" value="$packages_dir" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
XML
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
