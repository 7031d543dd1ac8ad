# Shared by bin/orbit, bin/test and bin/bench: a JDK 21+ and Maven 3.9, found or set up
# without naming any registry (Maven 3.9 is fetched as an ordinary artifact by the system mvn).
ORBIT_ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAVEN_VERSION=3.9.11

die() { echo "orbit: $*" >&2; exit 1; }

java_feature() { # feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets JAVA_HOME to a JDK 21 or newer (a JDK: javac is needed to build).
find_jdk() {
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    v=$(java_feature "$candidate/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$candidate; export JAVA_HOME; return 0; fi
  done
  die "no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install one (Debian: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it."
}

# Sets MVN to Maven $MAVEN_VERSION under .mvn/dist, bootstrapping it with the system mvn.
find_maven() {
  MVN="$ORBIT_ROOT/.mvn/dist/apache-maven-$MAVEN_VERSION/bin/mvn"
  [ -x "$MVN" ] && return 0
  if ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "orbit: installing Debian's maven to bootstrap Maven $MAVEN_VERSION" >&2
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven; } >/dev/null ||
        die "could not install maven with apt-get"
    else
      die "Maven is missing: install any Maven 3 (Debian: apt-get install maven); ORBIT then sets up Maven $MAVEN_VERSION itself."
    fi
  fi
  echo "orbit: setting up Maven $MAVEN_VERSION in .mvn/dist" >&2
  # Run outside the project: the system mvn is too old to load the project's Tycho build.
  work=$(mktemp -d)
  (cd "$work" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" \
    -DoutputDirectory="$ORBIT_ROOT/.mvn/dist" -Dmdep.markersDirectory="$work/markers" >&2) ||
    die "could not fetch Maven $MAVEN_VERSION through the system mvn (is Maven Central or a mirror in ~/.m2/settings.xml reachable?)"
  rm -rf "$work"
  [ -x "$MVN" ] || die "Maven $MAVEN_VERSION was not unpacked into .mvn/dist"
}

PRODUCT_DIR="$ORBIT_ROOT/releng/orbit.product/target/products/orbit.product/linux/gtk/x86_64/orbit"

# The UI tests and the inspector benchmark need a display: without one, starts Xvfb for the
# rest of the script (and stops it on exit).
ensure_display() {
  [ -n "${DISPLAY:-}" ] && return 0
  command -v Xvfb >/dev/null 2>&1 ||
    die "the UI tests need a display: set DISPLAY, or install Xvfb (Debian: apt-get install xvfb libgtk-3-0)"
  xvfb_pid=""
  for n in 99 98 97 96 95 94 93 92 91 90; do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    DISPLAY=":$n"; export DISPLAY
    break
  done
  [ -n "$xvfb_pid" ] || die "no free X display number for Xvfb (:90-:99 are taken)"
  sleep 1
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start on $DISPLAY"
  trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT INT TERM
}

# Sets SIGNING to the Maven arguments that sign the build's p2 artifacts with PGP. The key is
# $ORBIT_SIGNING_KEY (a file of armored secret keys) with $ORBIT_SIGNING_PASSPHRASE; without one,
# a throwaway key made once per checkout with gpg in .mvn/signing/ (never committed): an
# installation trusts the key that signed it, so a build is signed even when nobody releases it.
find_signing_key() {
  key=${ORBIT_SIGNING_KEY:-}
  passphrase=${ORBIT_SIGNING_PASSPHRASE:-}
  if [ -z "$key" ]; then
    dir="$ORBIT_ROOT/.mvn/signing"
    key="$dir/secret.asc"
    if [ ! -s "$key" ] || [ ! -s "$dir/passphrase" ]; then
      command -v gpg >/dev/null 2>&1 ||
        die "gpg makes the key that signs the build: install it (Debian: apt-get install gnupg), or give ORBIT_SIGNING_KEY"
      echo "orbit: making a throwaway PGP key for this checkout's builds in .mvn/signing/" >&2
      mkdir -p "$dir" && chmod 700 "$dir"
      gnupg=$(mktemp -d)
      passphrase=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
      gpg --homedir "$gnupg" --batch --quiet --pinentry-mode loopback --passphrase "$passphrase" \
        --quick-gen-key "ORBIT build $(hostname) $(date -u +%Y%m%d) <build@orbit.invalid>" rsa3072 sign never 2>/dev/null &&
        gpg --homedir "$gnupg" --batch --quiet --pinentry-mode loopback --passphrase "$passphrase" \
          --armor --export-secret-keys >"$key.new" ||
        { rm -rf "$gnupg"; die "gpg could not make the build's signing key"; }
      rm -rf "$gnupg"
      printf '%s' "$passphrase" >"$dir/passphrase"
      chmod 600 "$key.new" "$dir/passphrase" && mv "$key.new" "$key"
    fi
    passphrase=$(cat "$dir/passphrase")
  fi
  [ -s "$key" ] || die "the signing key $key is missing or empty"
  SIGNING="-Dtycho.pgp.signer.bc.secretKeys=$key -Dgpg.passphrase=$passphrase"
}
