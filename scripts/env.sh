# Sourced by the project's scripts: selects JDK 25 and quiets TensorFlow's native logging.
STEREOTYPE_JDK="${STEREOTYPE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -x "$STEREOTYPE_JDK/bin/java" ]; then
  echo "error: JDK 25 not found at $STEREOTYPE_JDK (install Temurin 25 there or set STEREOTYPE_JDK)" >&2
  exit 2
fi
export JAVA_HOME="$STEREOTYPE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
command -v mvn >/dev/null || { echo "error: Maven (mvn) is not on PATH" >&2; exit 2; }
