from planwatch.cli import app

app(prog_name="planwatch")
