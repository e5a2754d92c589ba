"""Bad input, session 33's pass: commands sharing one store or one output file, inputs that
change while they are read, and the web API's hostile parameters. Each test failed before its
fix."""

from __future__ import annotations

from detente.outfiles import replacing


def test_two_writers_of_one_output_file_never_mix_their_bytes(tmp_path):
    # two `detente export out/ --force` at once (a cron job and a person) wrote the same
    # events.jsonl.part: the first renamed it while the second still wrote into it, so
    # out/events.jsonl held the head of one export and the tail of the other, both runs
    # saying "wrote" or the second "cannot write (No such file or directory)"
    path = tmp_path / "events.jsonl"
    long_export, short_export = "a\n" * 1000, "b\n" * 10
    with replacing(path) as first, first.open("w") as first_stream:
        first_stream.write(long_export[:500])
        with replacing(path) as second, second.open("w") as second_stream:
            second_stream.write(short_export)
        first_stream.write(long_export[500:])
    assert path.read_text() == long_export  # the last one renamed, whole
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no part left behind
