"""Word problems told as a story, read into equations (see :func:`read_problem`)."""

from reasoner.solvers.math.story.answer import StoryAnswer, read_problem

__all__ = ["StoryAnswer", "read_problem"]
