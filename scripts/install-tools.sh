#!/usr/bin/env bash
# Installs the real Prometheus tools the tests and npm start run (promtool, amtool,
# the Alertmanager, blackbox, PostgreSQL and Redis exporter binaries), the DejaVu font and openssl
# from Debian's packages, when missing.
set -euo pipefail

packages=()
command -v promtool >/dev/null || packages+=(prometheus)
command -v amtool >/dev/null || packages+=(prometheus-alertmanager)
command -v prometheus-blackbox-exporter >/dev/null || packages+=(prometheus-blackbox-exporter)
# The exporters the stacks run as containers, run by test/docker/exporters.test.ts.
command -v prometheus-postgres-exporter >/dev/null || packages+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null || packages+=(prometheus-redis-exporter)
# The font dashboard pictures are drawn with (npm run preview), and openssl for the demo's certificate.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
command -v openssl >/dev/null || packages+=(openssl)
[ ${#packages[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing Debian packages: ${packages[*]}" >&2

# The tests start their own processes on 127.0.0.1; keep the packages' services from starting.
policy=/usr/sbin/policy-rc.d
added_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  added_policy=1
fi
trap '[ -n "$added_policy" ] && $sudo rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
