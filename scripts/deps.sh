# Debian 12 packages PartnerDesk needs; sourced by scripts/run and scripts/test.
# pd_install_missing PKG... installs only the packages that are not installed yet (through sudo when not root).
PD_BUILD_PACKAGES="build-essential cmake ninja-build pkg-config qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev
 qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 qt6-translations-l10n
 libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev qt6-qpa-plugins qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev
 qtkeychain-qt6-dev libsecret-1-0 libxlsxwriter-dev zlib1g-dev fonts-dejavu-core libicu-dev"
PD_TEST_PACKAGES="postgresql-15 sqlite3 unzip xvfb xauth dbus-daemon file dpkg-dev poppler-utils desktop-file-utils appstream"

pd_install_missing() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
