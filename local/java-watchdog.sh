#!/bin/sh
# Runs `java "$@"` (DynamoDB Local) for as long as whoever started us keeps our stdin open.
#
# Why: a JVM started from Node outlives Node when Node is SIGKILLed or crashes. Node's end of our
# stdin pipe, though, is closed by the kernel however Node dies, so a reader of stdin sees EOF
# exactly then. Closing that pipe is also how local mode asks for a normal stop.
# Exits with java's status when java exits by itself (e.g. the port was taken after all).

# Keep the pipe on fd 3: background jobs of a non-interactive shell get /dev/null as stdin.
exec 3<&0

# java must not hold the pipe, or it would never see EOF.
java "$@" </dev/null 3<&- &
java_pid=$!
# Tells local mode which process is DynamoDB Local (to report it, and for fault-injection tests).
echo "java-watchdog: java pid $java_pid"

# Forward a polite stop to java; `wait` below then returns and we report java's status.
trap 'kill -TERM "$java_pid" 2>/dev/null' TERM INT HUP

# The watcher: block until stdin reaches EOF, then stop java.
{
  cat >/dev/null <&3
  kill -TERM "$java_pid" 2>/dev/null
} &
watcher_pid=$!
exec 3<&-

# `wait` returns early when a trapped signal arrives, so keep waiting until java is gone.
status=0
while kill -0 "$java_pid" 2>/dev/null; do
  wait "$java_pid"
  status=$?
done

kill "$watcher_pid" 2>/dev/null
exit "$status"
