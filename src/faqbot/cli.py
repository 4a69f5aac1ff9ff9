"""The ``faqbot`` command: ask, check, eval, init-db, serve, settings.

Errors are one line (``click.ClickException``), never a traceback.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click
import yaml

from .config import Settings, SettingsError, describe
from .spoolcli import COMMANDS as SPOOL_COMMANDS
from .staffcli import COMMANDS as STAFF_COMMANDS

if TYPE_CHECKING:
    from .ask import Assistant


def _settings(ctx: click.Context) -> Settings:
    try:
        settings: Settings = ctx.obj or Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.obj = settings
    return settings


def _assistant(settings: Settings, with_store: bool = False) -> Assistant:
    from .ask import Assistant
    from .faq import FaqError
    from .storage import Store

    store = Store(settings.sqlalchemy_url) if with_store else None
    try:
        return Assistant(settings, store)
    except FaqError as exc:
        first = exc.problems[0]
        more = (
            f" (and {len(exc.problems) - 1} more; run `faqbot check`)"
            if len(exc.problems) > 1
            else ""
        )
        raise click.ClickException(f"{first}{more}") from None


@click.group()
@click.option(
    "--faq",
    "faq_path",
    envvar=None,
    help="Use this FAQ file instead of FAQBOT_FAQ_PATH.",
)
@click.pass_context
def main(ctx: click.Context, faq_path: str | None) -> None:
    """faqbot: answers patients from the clinic's vetted FAQ; the rest go to staff."""
    settings = _settings(ctx)
    if faq_path:
        ctx.obj = settings.replace(faq_path=faq_path)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON reply.")
@click.option(
    "--record", is_flag=True, help="Record the ask in the database like a real one."
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show the analysed message, what the crisis screen read and flagged, "
    "and the matcher's scores.",
)
@click.pass_context
def ask(
    ctx: click.Context, question: str, as_json: bool, record: bool, explain: bool
) -> None:
    """Ask the bot a QUESTION and print its reply."""
    settings = _settings(ctx)
    assistant = _assistant(settings, with_store=record)
    if not question.strip():
        raise click.ClickException("the question is empty")
    msg = assistant.analyse(question)
    reply = assistant.ask(msg, "cli", record=record)
    if explain:
        from . import safety

        click.echo("message:")
        for line in msg.explain():
            click.echo(f"  {line}")
        verdict = safety.assess(msg, explain=True)
        click.echo(f"screened: {verdict.screened}")
        for line in verdict.explain():
            click.echo(line)
        for key, value in assistant.matcher.explain(msg).items():
            click.echo(f"{key}: {value}")
    if as_json:
        click.echo(
            json.dumps(reply.to_api(assistant.faq), indent=2, ensure_ascii=False)
        )
        return
    click.echo(
        f"[{reply.status}]"
        + (f" {reply.faq_id} ({reply.score})" if reply.faq_id else "")
        + (f" risk: {reply.risk}" if reply.risk != "none" else "")
    )
    click.echo(reply.answer)
    for i, s in enumerate(reply.suggestions, 1):
        click.echo(f"  {i}) {s.question}  [{s.faq_id}]")
    if reply.status == "unmatched" and reply.candidates:
        best = ", ".join(f"{c.faq_id} {c.score:.2f}" for c in reply.candidates)
        click.echo(
            f"  (closest: {best}{'; topic ' + reply.reason if reply.reason else ''})"
        )


@main.command()
@click.argument("path", required=False)
@click.pass_context
def check(ctx: click.Context, path: str | None) -> None:
    """Validate the FAQ file at PATH (default: FAQBOT_FAQ_PATH)."""
    from .faqcheck import check_faq

    target = path or _settings(ctx).faq_path
    problems = check_faq(target)
    problems += _check_translations(target) if not problems else []
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {target}")
    from .faq import load_faq

    faq = load_faq(target)
    phrasings = sum(len(e.phrasings) for e in faq.entries)
    click.echo(f"{target}: OK ({len(faq.entries)} entries, {phrasings} phrasings)")
    from .faqcheck import stale_classifier

    stale = stale_classifier(faq)
    if stale:
        # Not an error: the old model still works, it has just not seen the
        # newest phrasings (and the matcher ignores entries it does not know).
        click.echo(f"warning: {stale}", err=True)

    from .translations import load_translations

    for tr in load_translations(faq).values():
        todo = len(tr.unreviewed())
        click.echo(f"{tr.path}: OK ({len(tr.entries)} entries, {todo} not reviewed)")
        from .spanish import load_phrasings, phrasings_path

        learn = phrasings_path(target, tr.lang)
        if learn.exists():
            n = sum(len(p) for p in load_phrasings(learn, faq).entries.values())
            click.echo(f"{learn}: OK ({n} phrasings)")


def _check_translations(faq_path: str) -> list:
    """Problems with the translations beside the FAQ (issue 10: Spanish)."""
    from .faq import load_faq
    from .spanish import check_phrasings, phrasings_path
    from .translations import LANGUAGES, check_translation, translation_path

    faq = load_faq(faq_path)
    problems = []
    for lang in LANGUAGES:
        path = translation_path(faq_path, lang)
        if path.exists():
            problems += check_translation(path, faq)
    es = phrasings_path(faq_path, "es")
    if es.exists() and not problems:
        problems += check_phrasings(es, faq)
    return problems


@main.group()
def translations() -> None:
    """The FAQ's translations (faq/es.yaml) for the clinic's reviewer."""


@translations.command("export")
@click.option("--lang", default="es", show_default=True)
@click.option("--unreviewed", is_flag=True, help="Only texts not yet reviewed.")
@click.pass_context
def translations_export(ctx: click.Context, lang: str, unreviewed: bool) -> None:
    """Print English and the translation side by side, text by text."""
    from .faq import FaqError, load_faq
    from .translations import export_rows, load_translation, translation_path

    faq_path = _settings(ctx).faq_path
    try:
        faq = load_faq(faq_path)
        tr = load_translation(translation_path(faq_path, lang), faq)
    except FaqError as exc:
        raise click.ClickException(str(exc.problems[0])) from None
    rows = export_rows(faq, tr)
    for where, english, translated, reviewed in rows:
        if unreviewed and reviewed:
            continue
        mark = "reviewed" if reviewed else "NOT REVIEWED"
        click.echo(f"== {where} [{mark}]")
        click.echo(f"  en: {english.strip()}")
        click.echo(f"  {lang}: {translated.strip()}\n")
    todo = sum(not r[3] for r in rows)
    click.echo(f"{len(rows)} texts, {todo} not yet reviewed ({tr.path})")


@main.command("safety-eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--gate", is_flag=True, help="Exit 1 when a target is missed.")
@click.option("--quiet", is_flag=True, help="Don't list the misses.")
@click.pass_context
def safety_eval(
    ctx: click.Context, paths: tuple[str, ...], gate: bool, quiet: bool
) -> None:
    """Score the crisis screen on labelled crisis and near-miss sets at PATHS."""
    from .safetyeval import REPORTED, TARGETS, load_safety_cases, score

    assistant = _assistant(_settings(ctx))
    try:
        cases = load_safety_cases(list(paths))
    except (OSError, ValueError, KeyError, yaml.YAMLError) as exc:
        raise click.ClickException(f"cannot read the set: {exc}") from None
    report = score(cases, assistant.classify)
    click.echo(
        f"{'group':<14}{'crises':>7}{'crisis':>9}{'+possible':>11}{'988/911':>9}"
        f"{'near':>6}{'near crisis':>13}{'near possible':>15}{'near answered':>15}"
    )
    for name, m in report.groups.items():
        click.echo(
            f"{name:<14}{m['crisis_messages']:>7}{m['crisis']:>9.1%}"
            f"{m['crisis_or_possible']:>11.1%}{m['names_988_or_911']:>9.1%}"
            f"{m['near_misses']:>6}{m['near_miss_crisis']:>13.1%}"
            f"{m['near_miss_possible']:>15.1%}{m['near_miss_answered']:>15.1%}"
        )
    if not quiet:
        for case, risk in report.misses:
            click.echo(f"  missed ({risk}) [{case.author} {case.concept}]: {case.q}")
        for case, status in report.false_alarms:
            click.echo(f"  false crisis ({status}) [{case.author}]: {case.q}")
        for case, got in report.unanswered:
            click.echo(
                f"  near miss not answered ({got}; labelled {case.expect}) "
                f"[{case.author} {case.concept}]: {case.q}"
            )
    for line in report.failures(REPORTED):
        click.echo(f"below its target (reported, not gated): {line}", err=True)
    failures = report.failures(TARGETS)
    for line in failures:
        click.echo(f"below target: {line}", err=True)
    if gate and failures:
        raise click.ClickException("the crisis screen misses its targets")


@main.command("eval")
@click.argument("path", default="tests/data/questions.yaml")
@click.option("--baseline", is_flag=True, help="Also score plain rapidfuzz extractOne.")
@click.option("--quiet", is_flag=True, help="Don't list the misses.")
@click.option("--min-accuracy", type=float, help="Gate: accuracy at least this.")
@click.option("--min-resolved", type=float, help="Gate: resolved at least this.")
@click.option(
    "--max-false-answers", type=float, help="Gate: false-answer rate at most this."
)
@click.pass_context
def eval_(
    ctx: click.Context,
    path: str,
    baseline: bool,
    quiet: bool,
    min_accuracy: float | None,
    min_resolved: float | None,
    max_false_answers: float | None,
) -> None:
    """Score the bot on a labelled set of patient messages (exit 1 below target).

    The --min/--max gates, when any is given, replace the default targets
    (those suit tests/data/questions.yaml; a blind set gets its own).
    """
    from .evaluation import EvalError, evaluate, load_cases

    assistant = _assistant(_settings(ctx))
    try:
        cases = load_cases(path, assistant.faq)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from None
    report = evaluate(cases, assistant.classify, assistant.faq, baseline=baseline)
    gates = {
        "accuracy": (">=", min_accuracy),
        "resolved": (">=", min_resolved),
        "false_answer_rate": ("<=", max_false_answers),
    }
    if any(v is not None for _, v in gates.values()):
        report.targets = {k: (op, v) for k, (op, v) in gates.items() if v is not None}
    targets = report.targets
    m = report.metrics
    click.echo(
        f"{path}: {m['cases']} cases ({m['in_scope']} in scope, "
        f"{m['out_of_scope']} out of scope)"
    )
    rows = [
        ("accuracy", "answered with the right entry"),
        ("resolved", "right entry answered or offered"),
        ("clarify_rate", "in-scope questions sent to clarify"),
        ("false_answer_rate", "wrong entry, or out-of-scope answered"),
        ("out_of_scope_handoff", "out-of-scope handed to staff"),
        ("smalltalk_accuracy", "small talk recognised"),
        ("crisis_recall", "crisis messages caught"),
        ("crisis_false_positives", "non-crisis messages flagged as crisis"),
        ("figures_ok", "figures of speech not flagged"),
        ("language_ok", "replied in the message's language (labelled cases)"),
    ]
    header = f"  {'metric':<24}{'faqbot':>10}"
    if report.baseline:
        header += f"{'baseline':>10}"
    click.echo(header + "   target")
    for key, label in rows:

        def fmt(v: float, key: str = key) -> str:
            return f"{int(v)}" if key == "crisis_false_positives" else f"{v:.1%}"

        line = f"  {key:<24}{fmt(m[key]):>10}"
        if report.baseline:
            line += f"{fmt(report.baseline[key]):>10}"
        target = targets.get(key)
        tgt = ""
        if target:
            tgt = f"{target[0]} {fmt(target[1])}"
        click.echo(f"{line}   {tgt:<10} {label}")
    authors = report.by_author()
    if len(authors) > 1:
        click.echo(
            f"\n  {'author':<10}{'cases':>7}{'accuracy':>10}{'resolved':>10}"
            f"{'false':>8}"
        )
        for author, am in authors.items():
            click.echo(
                f"  {author:<10}{int(am['cases']):>7}{am['accuracy']:>10.1%}"
                f"{am['resolved']:>10.1%}{am['false_answer_rate']:>8.1%}"
            )
    confusion = report.confusion()
    if confusion:
        click.echo(f"\n  {'expected':<30}{'got instead':<30}{'n':>4}")
        for expected, got, n in confusion:
            click.echo(f"  {expected:<30}{got:<30}{n:>4}")
    if not quiet and report.misses:
        click.echo(f"\n{len(report.misses)} miss(es):")
        for o in report.misses:
            got = o.faq_id or o.status
            if o.status == "clarify":
                got = "clarify[" + ",".join(o.offered) + "]"
            click.echo(
                f"  expected {o.case.expect:<28} got {got:<40} {o.case.q[:90]!r}"
            )
    if not report.passed():
        click.echo("\nBELOW TARGET", err=True)
        sys.exit(1)
    click.echo("\nall targets met")


@main.command("init-db")
@click.pass_context
def init_db(ctx: click.Context) -> None:
    """Create the database tables (idempotent; never drops data)."""
    from sqlalchemy.exc import SQLAlchemyError

    from .storage import Store

    settings = _settings(ctx)
    store = Store(settings.sqlalchemy_url)
    try:
        store.init_db()
    except SQLAlchemyError as exc:
        raise click.ClickException(
            f"cannot initialise the database: {type(exc).__name__}: "
            f"{str(exc).splitlines()[0]}"
        ) from None
    click.echo(
        f"database ready ({store.engine.url.render_as_string(hide_password=True)})"
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Run the development server (use gunicorn in production)."""
    from .app import create_app

    settings = _settings(ctx)
    try:
        app = create_app(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    app.run(host=host, port=port, debug=False)


@main.command()
def settings() -> None:
    """List every setting, its environment variable and default."""
    for row in describe():
        click.echo(f"{row['env']:<36} {row['default']!r:<28} {row['help']}")


for _command in STAFF_COMMANDS:  # staff, learned, flagged, notify, purge
    main.add_command(_command)
for _command in SPOOL_COMMANDS:  # spool status, spool replay
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
