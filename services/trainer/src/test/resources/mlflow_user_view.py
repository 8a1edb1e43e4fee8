"""What an MLflow user sees of retrains, read with MLflow's own Python client (MlflowUserViewIT).

usage: python mlflow_user_view.py EXPERIMENT MODEL DOWNLOAD_DIR
Prints one JSON document: every run of the experiment (status, times, tags, latest metrics, data set inputs), the experiment's tags,
and the production version of MODEL as MLflow serves it (downloaded with only MLFLOW_TRACKING_URI set).
"""
import json
import os
import sys

import mlflow
from mlflow import MlflowClient

experiment_name, model_name, download_dir = sys.argv[1:4]
client = MlflowClient()
experiment = client.get_experiment_by_name(experiment_name)


def dataset_inputs(run):
    return [{"name": d.dataset.name, "digest": d.dataset.digest, "source": json.loads(d.dataset.source),
             "source_type": d.dataset.source_type, "context": {t.key: t.value for t in d.tags}.get("mlflow.data.context")}
            for d in run.inputs.dataset_inputs]


runs = [{"id": r.info.run_id, "name": r.info.run_name, "status": r.info.status, "start_time": r.info.start_time,
         "end_time": r.info.end_time, "user_id": r.info.user_id, "tags": r.data.tags, "metrics": r.data.metrics,
         "datasets": dataset_inputs(r)}
        for r in client.search_runs([experiment.experiment_id], max_results=1000)]

view = {"aws_variables": sorted(k for k in os.environ if k.startswith("AWS_")), "experiment_tags": experiment.tags,
        "runs": runs}
if model_name:
    version = client.get_model_version_by_alias(model_name, "production")
    local = mlflow.artifacts.download_artifacts(f"models:/{model_name}@production", dst_path=download_dir)
    model = mlflow.models.Model.load(local)
    view["production"] = {"version": version.version, "source": version.source, "run_id": version.run_id,
                          "run_link": version.run_link, "description": version.description, "tags": version.tags,
                          "downloaded": sorted(os.path.relpath(os.path.join(d, f), local)
                                               for d, _, files in os.walk(local) for f in files),
                          "flavors": model.flavors, "model_run_id": model.run_id}
print(json.dumps(view))
