#!/bin/sh
# Install what building and testing machsim needs, on Debian.
# As root: apt-get installs whatever is missing.  Otherwise: print the exact
# command to run and fail, so the user decides.
set -eu

pkgs="gcc g++ make flex bison autoconf pkg-config libyaml-dev check"
# The compiler's corpus test and benchmark use GNU MIG and gnumach's .defs.
pkgs="$pkgs gnumach-dev mig-x86-64-gnu"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	     grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "machsim: missing build dependencies:$missing" >&2
	echo "machsim: this is not a Debian system; install them by hand." >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "machsim: missing build dependencies:$missing" >&2
	echo "machsim: run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "machsim: installing build dependencies:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
