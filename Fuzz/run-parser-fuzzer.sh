#!/usr/bin/env bash
# Builds the LookML parser fuzzer (libFuzzer + AddressSanitizer) into .build-fuzz/ and runs it for
# N seconds (first argument, default 300). Seeds come from Fuzz/corpus/; new interesting inputs go
# to .build-fuzz/corpus/, crashes and hangs (over 2 s) to .build-fuzz/artifacts/.
set -euo pipefail
seconds="${1:-300}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
mkdir -p "$out/corpus" "$out/artifacts"
swiftc -sanitize=fuzzer,address -parse-as-library -O \
    "$root"/Sources/LookML/*.swift "$root/Fuzz/ParserFuzzer/main.swift" \
    -o "$out/parser-fuzzer"
exec "$out/parser-fuzzer" "$out/corpus" "$root/Fuzz/corpus" \
    -dict="$root/Fuzz/lookml.dict" -max_total_time="$seconds" -timeout=2 -max_len=4096 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1
