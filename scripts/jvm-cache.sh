# Sourced by ./run and bench/startup: a faster start for the Spring Boot jars (docs/operations/startup.md).
#
# extract_jar JAVA_HOME JAR DIR  -> prints the path of a plain jar to run with -jar
#   Spring Boot's own extraction (java -Djarmode=tools extract): the application jar plus lib/
#   jars on its manifest Class-Path. The JVM can only cache classes loaded from such plain jars,
#   never from the jars nested in the executable one. Redone when the jar changes.
# jvm_cache_flags JAVA_HOME RUNNABLE_JAR CACHE_DIR -> prints the JVM options of the cache
#   JDK 25+: the AOT cache (JEP 483/514/515: classes loaded and linked, method profiles). The first
#   start records it (-XX:AOTCacheOutput, written when the JVM exits), later starts use it
#   (-XX:AOTCache). JDK 21-24: a dynamic CDS archive (-XX:+AutoCreateSharedArchive, JDK 19+), which
#   the JVM writes at exit and reuses; no JDK 25-only option is passed to them.
#   The cache is named after the jar's size and change time (ctime), so a rebuilt jar gets a fresh one.

_jvm_cache_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Size and change time: reproducible builds give every jar the same modification time.
_jvm_cache_key() { stat -c '%s-%Z' "$1"; }

extract_jar() {
  local java_home="$1" jar="$2" dir="$3" key
  key=$(_jvm_cache_key "$jar")
  if [ ! -f "$dir/.extracted-$key" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    "$java_home/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
    touch "$dir/.extracted-$key"
  fi
  printf '%s\n' "$dir/$(basename "$jar")"
}

jvm_cache_flags() {
  local java_home="$1" jar="$2" dir="$3" major key
  major=$(_jvm_cache_major "$java_home")
  key=$(_jvm_cache_key "$jar")
  mkdir -p "$dir"
  if [ "${major:-0}" -ge 25 ] 2>/dev/null; then
    local cache="$dir/$(basename "$jar" .jar)-$key.aot"
    if [ -s "$cache" ]; then
      printf '%s\n' "-XX:AOTCache=$cache -Xlog:aot*=off"
    else
      rm -f "$dir/$(basename "$jar" .jar)"-*.aot*
      # Quiet when the JVM cannot record (it then runs as without the option).
      printf '%s\n' "-XX:AOTCacheOutput=$cache -Xlog:aot*=off -Xlog:cds*=off"
    fi
  else
    printf '%s\n' "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$dir/$(basename "$jar" .jar)-$key.jsa -Xlog:cds=off"
  fi
}
