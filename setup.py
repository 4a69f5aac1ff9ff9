"""The C speedups (src/faqbot/_speedups.c); everything else is in pyproject.toml.

The extension is optional: where it cannot be built, the pure-Python loops it
stands in for are used, with the same results. Floating-point contraction is
off so that ``a += b * c`` is rounded twice, as Python rounds it.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "faqbot._speedups",
            ["src/faqbot/_speedups.c"],
            extra_compile_args=["-ffp-contract=off"],
            optional=True,
        )
    ]
)
