#!/usr/bin/python3
"""Expected outputs for AnomalyLikelihoodTests, computed the way NuPIC computes them.

An independent transliteration of NuPIC's anomaly_likelihood.py (AnomalyLikelihood.anomalyProbability,
estimateAnomalyLikelihoods, updateAnomalyLikelihoods, _filterLikelihoods, estimateNormal, tailProbability,
MovingAverage.compute), written from its documented algorithm with Python lists, collections.deque and math.erfc,
sharing no code with the C# detector. Run from the repository root:

    /usr/bin/python3 tests/EdgeLstm.Iot.Tests/Detection/Fixtures/likelihood_fixture.py

writes likelihood.json beside this script: the settings, the input raw scores and values, and the likelihood per step.
"""
import collections
import json
import math
import os
import random


def moving_average(window, total, new, size):
    if len(window) == size:
        total -= window.pop(0)
    window.append(new)
    total += new
    return total / len(window), window, total


def estimate_normal(data, lower_bound=True):
    mean = sum(data) / len(data)
    variance = sum((x - mean) ** 2 for x in data) / len(data)
    if lower_bound:
        mean = max(mean, 0.03)
        variance = max(variance, 0.0003)
    return {"mean": mean, "variance": variance, "stdev": math.sqrt(variance) if variance > 0 else 0}


NULL = {"mean": 0.5, "variance": 1e6, "stdev": 1e3}


def tail(x, d):
    if x < d["mean"]:
        x = 2 * d["mean"] - x
    return 0.5 * math.erfc((x - d["mean"]) / d["stdev"] / 1.4142)


def filter_likelihoods(likelihoods, red=1 - 0.99999, yellow=1 - 0.999):
    out = [likelihoods[0]]
    for i, v in enumerate(likelihoods[1:]):
        if v <= red and likelihoods[i] <= red:
            out.append(yellow)
        else:
            out.append(v)
    return out


def estimate(records, skip, averaging):
    window, total, averaged = [], 0.0, []
    for (value, score) in records:
        avg, window, total = moving_average(window, total, score, averaging)
        averaged.append((value, avg))
    data = [a for (_, a) in averaged]
    if len(averaged) <= skip:
        dist = NULL
    else:
        dist = estimate_normal(data[skip:])
        metric = estimate_normal([v for (v, _) in averaged][skip:], lower_bound=False)
        if metric["variance"] < 1.5e-5:
            dist = NULL
    likelihoods = [tail(a, dist) for a in data]
    return {"distribution": dist, "window": window, "total": total,
            "history": likelihoods[-min(averaging, len(likelihoods)):]}


def run(scores, values, learning, estimation, historic, reestimation, averaging):
    history = collections.deque(maxlen=historic)
    params = None
    out = []
    for i, (score, value) in enumerate(zip(scores, values)):
        if i < learning + estimation:
            likelihood = 0.5
        else:
            if params is None or i % reestimation == 0:
                shifted = max(0, i - historic)
                skip = min(i, max(0, learning - shifted))
                params = estimate(list(history), skip, averaging)
            avg, params["window"], params["total"] = moving_average(params["window"], params["total"], score, averaging)
            raw = tail(avg, params["distribution"])
            both = params["history"] + [raw]
            filtered = filter_likelihoods(both)[-1]
            params["history"] = both[-min(averaging, len(both)):]
            likelihood = 1.0 - filtered
        history.append((value, score))
        out.append(likelihood)
    return out


def main():
    rng = random.Random(20261129)
    n = 900
    scores, values = [], []
    for i in range(n):
        s = max(0.0, rng.gauss(0.05, 0.04))
        if i in (420, 421, 610, 780, 781, 782, 783):
            s = 1.0                        # surprises: a red onset, then yellow while it lasts
        scores.append(s)
        values.append(10.0 if 650 <= i < 700 else 10.0 + rng.gauss(0, 1))   # a flat stretch
    settings = {"learning": 60, "estimation": 40, "historic": 300, "reestimation": 20, "averaging": 10}
    likelihoods = run(scores, values, settings["learning"], settings["estimation"], settings["historic"],
                      settings["reestimation"], settings["averaging"])
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "likelihood.json"), "w") as f:
        json.dump({"settings": settings, "scores": scores, "values": values, "likelihoods": likelihoods}, f)
    print(f"wrote likelihood.json: {n} steps, max likelihood {max(likelihoods):.9f}")


if __name__ == "__main__":
    main()
