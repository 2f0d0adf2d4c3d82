"""Reusable widgets: the item input and columns, the step list, the header, the speaker picker."""
