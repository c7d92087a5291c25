#!/usr/bin/python3
"""A synthetic many-task batch from a finished one, for measuring greengauge merge.

    bench/replicate_tasks.py SRC_OUT DST_OUT COPIES

Copies SRC_OUT (a folder `greengauge batch` wrote) to DST_OUT with each task result written
COPIES times under new keys: copy k of a task is in zone set "<set>-<k // 24>" on its date plus
k % 24 days, so every zone has a series of 24 dates (a season) and more copies make more zone
sets, as a province's batch grows. The plan (batch_plan.json) is rewritten to list them. The
zones' geometry files are shared, as a real batch shares them between the dates of a zone set.
"""
import datetime
import json
import os
import shutil
import sys

DATES_PER_ZONE = 24


def main(src, dst, copies):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    os.makedirs(f"{dst}/tasks")
    shutil.copytree(f"{src}/tasks/geometry", f"{dst}/tasks/geometry")
    plan = json.load(open(f"{src}/batch_plan.json"))
    tasks = []
    for t in plan["tasks"]:
        result = json.load(open(f"{src}/tasks/{t['key']}.json"))
        for k in range(copies):
            key = f"{t['key'][:40]}{k:024d}"
            task, r = dict(t, key=key), dict(result, key=key)
            task["zone_set"] = r["zone_set"] = f"{t['zone_set']}-{k // DATES_PER_ZONE}"
            if t.get("date"):
                day = datetime.date.fromisoformat(t["date"])
                date = (day + datetime.timedelta(days=k % DATES_PER_ZONE)).isoformat()
                task["date"] = task["period"] = r["date"] = r["period"] = date
            with open(f"{dst}/tasks/{key}.json", "w") as f:
                json.dump(r, f)
            tasks.append(task)
    plan["tasks"] = tasks
    with open(f"{dst}/batch_plan.json", "w") as f:
        json.dump(plan, f)
    print(f"{dst}: {len(tasks)} tasks")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
