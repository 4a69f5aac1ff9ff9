"""gunicorn's settings for faqbot, which gunicorn reads from the directory it
starts in: the Procfile's web process, `make run`, the tests and the benches
all serve with them.

Threaded workers: a request that waits (a refused login held back, a request
waiting its turn in the app, a slow client) takes one thread, not a whole
worker, so patients' questions go on being answered during a login flood.
Requests still run through the app one at a time per worker (faqbot.admission).
docs/PERFORMANCE.md has the figures. The number of workers still comes from
WEB_CONCURRENCY or --workers, and the address from PORT or --bind.
"""

worker_class = "gthread"
threads = 32  # half may hold refused logins; 16 a worker stay free for the rest


def post_worker_init(worker):  # noqa: ANN001, ANN201 (gunicorn's hook)
    """Each worker's app learns how many threads it has (holds and turns)."""
    from faqbot.app import fit_to_worker

    fit_to_worker(worker.wsgi, worker.cfg.threads)
