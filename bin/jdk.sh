# Sourced by the bin/ scripts: finds a JDK >= 21 (the machine's default java may be 17)
# and exports JAVA_HOME. Honours a JAVA_HOME that is already new enough.

webpaas_java_major() {
  # The JDK's release file answers without starting a JVM (the CLI launcher runs this often).
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

webpaas_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(webpaas_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (set JAVA_HOME, or install one under /usr/lib/jvm)" >&2
  return 1
}
