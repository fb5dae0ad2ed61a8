"""Small stateful services built once in ``tutor.ui.launch`` and handed to the app.

They wrap the store (I/O) around the pure domain; screens call them, never the store.
"""
