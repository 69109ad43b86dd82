# Sourced by ./run and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Keeps a suitable JAVA_HOME; otherwise takes the newest JDK >= 21 under /usr/lib/jvm
# (Debian's default java may be 17, and Temurin lives beside it).

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local candidate major best="" best_major=0
  for candidate in /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "WaddlePerf needs a JDK 21 or newer; set JAVA_HOME to one." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
