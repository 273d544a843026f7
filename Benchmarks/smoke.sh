#!/usr/bin/env bash
# CI smoke run of the benchmarks, so they cannot rot: builds the throughput tool and runs it once
# on 1 MB of generated text. No timing assertions (CI machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product analyzer-throughput
.build/release/analyzer-throughput --generated-mb 1 --rounds 1
