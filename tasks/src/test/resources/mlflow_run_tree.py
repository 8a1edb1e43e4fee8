"""A retrain's parent run and its child runs as an MLflow user sees them, read with MLflow's own Python client.

usage: python mlflow_run_tree.py PARENT_RUN_ID   (MLFLOW_TRACKING_URI names the server; no other setting is needed)
Prints one JSON document: {"parent": RUN, "children": [RUN, ...]}, RUN = {id, name, status, start_time, end_time}.
"""
import json
import sys

from mlflow import MlflowClient

parent_id = sys.argv[1]
client = MlflowClient()
parent = client.get_run(parent_id)


def view(run):
    return {"id": run.info.run_id, "name": run.info.run_name, "status": run.info.status,
            "start_time": run.info.start_time, "end_time": run.info.end_time}


children = client.search_runs([parent.info.experiment_id], filter_string=f"tags.mlflow.parentRunId = '{parent_id}'",
                              max_results=1000)
print(json.dumps({"parent": view(parent), "children": [view(child) for child in children]}))
