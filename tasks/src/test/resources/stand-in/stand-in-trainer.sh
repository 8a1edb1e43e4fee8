#!/bin/sh
# A stand-in for the Stereotype trainer, used only to run the production flows in tests before the trainer exists.
# It trains nothing: it records its arguments (one line per call, in stand-in-trainer.calls beside this script) and
# prints the output line that the real trainer prints for each command (docs/cli.md).
echo "$*" >> "$(dirname "$0")/stand-in-trainer.calls"

work=""; out=""; master=""; index=""; name=""; version=""; alias="production"; previous=""
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift ;;
    --out) out="$2"; shift ;;
    --master) master="$2"; shift ;;
    --index) index="$2"; shift ;;
    --name) name="$2"; shift ;;
    --version) version="$2"; shift ;;
    --alias) alias="$2"; shift ;;
    prep|train-doctor|train-student|assemble|evaluate|register|promote) command="$1" ;;
    master|bachelor) role="$1" ;;
  esac
  shift
done

case "$command" in
  prep) echo "::{\"outputs\":{\"work\":\"$work\",\"datasetHash\":\"sha256:0\",\"trainImages\":10,\"testImages\":4,\"parentRunId\":\"run-0\"}}::" ;;
  train-doctor) echo "::{\"outputs\":{\"model\":\"$work/doctor\",\"runId\":\"run-doctor\",\"loss\":0.5}}::" ;;
  train-student)
    if [ "$role" = master ]; then network="master-$master"; else network="bachelor-$master-$index"; fi
    echo "::{\"outputs\":{\"model\":\"$work/$network\",\"runId\":\"run-$network\",\"loss\":0.1}}::" ;;
  assemble) echo "::{\"outputs\":{\"bundle\":\"$out\"}}::" ;;
  evaluate) echo "::{\"outputs\":{\"report\":\"$out/report.json\",\"reportHtml\":\"$out/report.html\",\"runId\":\"run-eval\",\"imageAuroc\":0.93,\"pixelAuroc\":0.91},\"metrics\":[{\"name\":\"imageAuroc\",\"type\":\"gauge\",\"value\":0.93}]}::" ;;
  register) echo "::{\"outputs\":{\"registered\":true,\"name\":\"$name\",\"version\":5}}::" ;;
  promote) echo "::{\"outputs\":{\"name\":\"$name\",\"alias\":\"$alias\",\"version\":$version,\"previousVersion\":4}}::" ;;
  *) echo "stand-in-trainer: unknown command" >&2; exit 2 ;;
esac
