#!/bin/sh
# Install the headless Chromium the browser tests drive (Debian packages chromium, chromium-driver).
# Playwright is pointed at /usr/bin/chromium, so it never downloads a browser of its own.
# Safe to run again: does nothing when both are already installed.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: apt-get not found. Install Chromium and chromedriver so that" >&2
    echo "/usr/bin/chromium and /usr/bin/chromedriver exist, then run the browser tests again." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install_browser.sh: not root and sudo is not available. As root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver" >&2
    exit 1
fi

echo "Installing chromium and chromium-driver with apt-get..."
if ! $SUDO apt-get update \
    || ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        chromium chromium-driver; then
    echo "install_browser.sh: apt-get could not install chromium and chromium-driver." >&2
    echo "Check the network and the apt sources, then run this script again." >&2
    exit 1
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "install_browser.sh: the packages installed but /usr/bin/chromium or" >&2
    echo "/usr/bin/chromedriver is missing." >&2
    exit 1
fi
echo "Installed $(/usr/bin/chromium --version)"
