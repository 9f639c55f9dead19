"""The Spark session of the Spark engine: PySpark and Java 17+ checked, then started.

Nothing here imports PySpark at module level: the engine is an optional extra
(``pip install 'storyline[spark]'``) and a missing one must be a clear ConfigError,
not an ImportError.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import ConfigError
from storyline.settings import Settings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# PySpark 4 runs on Java 17 or newer.
MIN_JAVA = 17
# Seconds `java -version` may take before we call the installation broken.
JAVA_TIMEOUT = 20
JAVA_HINT = (
    "install a Java 17+ runtime (e.g. `apt install openjdk-17-jre-headless`) "
    "and put `java` on PATH or set JAVA_HOME"
)
# `openjdk version "17.0.15"`, `java version "1.8.0_392"`, `openjdk version "21"`.
_VERSION = re.compile(r'version "(?:1\.)?(\d+)')
# Loopback for a local master: no network is needed or offered.
LOOPBACK = "127.0.0.1"
# The driver JVM's log4j2 setup: errors only, so a build's output stays readable.
LOG4J2 = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
"""


def require_pyspark() -> None:
    """Fail clearly when the optional ``spark`` extra is not installed."""
    if importlib.util.find_spec("pyspark") is None:
        raise ConfigError(
            "the Spark engine needs PySpark, which is not installed",
            hint="pip install 'storyline[spark]', or build with --engine local",
        )


def find_java(environ: Mapping[str, str]) -> str | None:
    """The java that PySpark will launch: JAVA_HOME's, else the first on PATH."""
    home = environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.is_file() else None
    return shutil.which("java", path=environ.get("PATH", ""))


def java_major(output: str) -> int | None:
    """The major version in the output of ``java -version`` (8 for "1.8.0")."""
    found = _VERSION.search(output)
    return int(found.group(1)) if found else None


def check_java(environ: Mapping[str, str] | None = None) -> int:
    """The major version of the Java PySpark will use; ConfigError when absent or too old."""
    env = os.environ if environ is None else environ
    java = find_java(env)
    if java is None:
        where = "JAVA_HOME" if env.get("JAVA_HOME") else "PATH"
        raise ConfigError(
            f"Java is not installed (no java found via {where}): Spark needs Java {MIN_JAVA}+",
            hint=JAVA_HINT,
        )
    major = java_major(_java_version_output(java))
    if major is None or major < MIN_JAVA:
        shown = "an unknown version" if major is None else f"Java {major}"
        raise ConfigError(f"{java} is {shown}: Spark needs Java {MIN_JAVA}+", hint=JAVA_HINT)
    return major


def _java_version_output(java: str) -> str:
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=JAVA_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"cannot run {java} -version: {exc}", hint=JAVA_HINT) from exc
    return done.stderr + done.stdout


def is_local(master: str) -> bool:
    """True for ``local``, ``local[2]``, ``local[*]``: everything runs on this machine."""
    return master == "local" or master.startswith("local[")


def spark_conf(settings: Settings) -> dict[str, str]:
    """The session's configuration: quiet, small, and loopback-only for a local master."""
    conf = {
        "spark.app.name": "storyline",
        "spark.ui.enabled": "false",  # no web UI port to open
        "spark.ui.showConsoleProgress": "false",  # the CLI draws its own progress
        "spark.log.level": "ERROR",  # Spark's own chatter stays out of the build's output
        "spark.sql.shuffle.partitions": "4",  # sorts back to the driver choose their own
        "spark.driver.memory": "1g",  # the driver only streams results into the store
        "spark.python.worker.reuse": "true",  # keeps each worker's spaCy model loaded
        "spark.pyspark.python": sys.executable,  # workers run this interpreter
    }
    if is_local(settings.spark_master):
        conf["spark.driver.host"] = LOOPBACK
        conf["spark.driver.bindAddress"] = LOOPBACK
    return conf


def check_spark_ready() -> None:
    """Everything the Spark engine needs before it touches the store."""
    require_pyspark()
    check_java()


@contextmanager
def spark_session(settings: Settings) -> Iterator[SparkSession]:
    """A Spark session for ``settings.spark_master``, stopped on the way out."""
    check_spark_ready()
    from pyspark.sql import SparkSession

    # Read by PySpark when the session starts, not from the session's configuration.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if is_local(settings.spark_master):
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
    builder = SparkSession.builder.master(settings.spark_master)
    for key, value in spark_conf(settings).items():
        builder = builder.config(key, value)
    with tempfile.TemporaryDirectory(prefix="storyline-log4j-") as tmp:
        config = Path(tmp) / "log4j2.properties"  # read once, when the JVM starts
        config.write_text(LOG4J2, encoding="utf-8")
        option = f"-Dlog4j2.configurationFile={config.as_uri()}"
        spark = builder.config("spark.driver.extraJavaOptions", option).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()
