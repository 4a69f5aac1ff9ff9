"""gunicorn's settings for faqbot, which gunicorn reads from the directory it
starts in: the Procfile's web process, `make run`, the tests and the benches
all serve with them.

Threaded workers: a request that waits (a refused login held back, a request
waiting its turn in the app, a slow client) takes one thread, not a whole
worker, so patients' questions go on being answered during a login flood.
Requests still run through the app one at a time per worker (faqbot.admission).
docs/PERFORMANCE.md has the figures. The number of workers still comes from
WEB_CONCURRENCY or --workers, and the address from PORT or --bind.

The app is built once, in the master, and the workers are forked from it
(``preload_app``): the FAQ, its index, the crisis model, the rule sets and the
word tables are shared copy-on-write instead of built again in every worker
(docs/PERFORMANCE.md, "Memory"). ``when_ready`` readies the app for forking
(``faqbot.app.before_fork``: builds what the first questions would, stops the
master's threads, closes its database connections); ``post_fork`` gives each
worker its own (``faqbot.app.after_fork``). A FAQ edited on disk is still
picked up by each worker on its own.

Each worker is replaced after ``max_requests`` requests (give or take
``max_requests_jitter``, so that workers do not all go at once): a worker's
memory grows with the distinct messages it reads (RE2's caches of DFA states,
which only empty when full: 79 -> 104 -> 168 MB after 0, 1,000 and 5,000 new
messages, bench/growth.py --gunicorn --max-requests 0; 264 MB at 5,000 before
the crisis rules went behind a prefilter in round 8),
and a new worker starts again from the master's shared state (79 MB). Replaced
every 400-450 requests the largest worker in 5,000 new messages was 115-117 MB
(every 200-250: 107-111 MB; 600: 121; 800: 126-128), and under wrk half as
many replacements cost 7-19% of throughput at saturation instead of 20-30%
(docs/PERFORMANCE.md, "Round 8: memory at rest, late pass"). It reopens its
database connections; rate-limit counts are kept in the database
(FAQBOT_RATELIMIT_STORAGE), so a new worker goes on counting where the old
one stopped. docs/PERFORMANCE.md, "Round 7: memory under distinct traffic".
A retiring worker answers its kept-alive connections' next requests with
``Connection: close`` and then leaves without Python's slow exit
(``worker_exit``); what a replacement costs is in docs/PERFORMANCE.md, "Round
8: what replacing workers costs".
"""

worker_class = "gthread"
threads = 32  # half may hold refused logins; 16 a worker stay free for the rest
preload_app = True
max_requests = 400  # the largest worker stays under 120 MB of RSS (bench/growth.py)
max_requests_jitter = 50


def when_ready(server):  # noqa: ANN001, ANN201 (gunicorn's hook)
    """In the master, after the preloaded app is built, before any fork."""
    if server.cfg.preload_app:
        from faqbot.app import before_fork

        before_fork(server.app.wsgi())


def post_fork(server, worker):  # noqa: ANN001, ANN201 (gunicorn's hook)
    """In each worker, first thing after the fork."""
    if server.cfg.preload_app:
        from faqbot.app import after_fork

        after_fork(worker.app.wsgi())


def post_worker_init(worker):  # noqa: ANN001, ANN201 (gunicorn's hook)
    """Each worker's app learns how many threads it has (holds and turns)."""
    from faqbot.app import fit_to_worker

    fit_to_worker(worker.wsgi, worker.cfg.threads)


def worker_exit(server, worker):  # noqa: ANN001, ANN201 (gunicorn's hook)
    """A worker replaced after ``max_requests`` leaves at once (``os._exit``)
    once it has answered every request it took.

    Python's own exit tears down every module and object the worker inherited
    from the master, writing to each one's pages (copy on write) on its way
    out: 0.1 to 0.6 s, during which a single worker's replacement is not yet
    forked. Nothing in the worker needs it: its threads are daemons, SQLite
    and the spool are safe at any instant, and the logs are flushed here.
    Any other exit (shutdown, a failure, requests still in flight after
    ``graceful_timeout``) goes Python's usual way.
    """
    import logging
    import os
    import sys

    retired = worker.nr >= worker.max_requests  # sys.maxsize when 0 (never)
    if worker.booted and retired and getattr(worker, "nr_conns", 0) == 0:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
