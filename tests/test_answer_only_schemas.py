"""Schemas that only answer (scanner.engine.answers): a DRF serializer or marshmallow schema every use
of which in the scanned tree renders or documents an answer is no collect; any other use, or none seen,
keeps its fields. The uses are read in every module: the same whatever the workers and the cache."""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path

import pytest

from scanner.config import Config
from scanner.engine.answers import SchemaUses, answer_only, module_uses
from scanner.runner import run

SERIALIZERS = '''\
from rest_framework import serializers


class ShareCandidateSerializer(serializers.Serializer):
    address = serializers.EmailField()
    name = serializers.CharField()


class ShareInputSerializer(serializers.Serializer):
    email = serializers.EmailField()


class ComposeSerializer(serializers.Serializer):
    sender = serializers.EmailField()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ProfileSerializer(serializers.ModelSerializer):
    phone = serializers.CharField()


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField()
    profile = ProfileSerializer(read_only=True)


class ExportedSerializer(serializers.Serializer):
    email = serializers.EmailField()
'''

VIEWSETS = '''\
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from app import serializers
from app.serializers import MemberSerializer


class MailboxViewSet(viewsets.GenericViewSet):
    def get_serializer_class(self):
        if self.action == "share_candidates":
            return serializers.ShareCandidateSerializer
        if self.action == "share":
            return serializers.ShareInputSerializer
        return serializers.ComposeSerializer

    def share_candidates(self, request):
        serializer = self.get_serializer(request.user.candidates(), many=True)
        return Response(serializer.data)

    def share(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(status=204)


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MemberSerializer


@extend_schema(responses={200: serializers.TokenSerializer})
def api_token(request):
    serializer = serializers.TokenSerializer({"token": request.user.token})
    return Response(serializer.data)
'''

RULE = "python.drf.serializer-field"
# (path, line) of the collects every run must give: ShareInputSerializer's (taken with `data=`),
# ComposeSerializer's (the fallback of `get_serializer_class`: a create too) and ExportedSerializer's
# (no use seen); none of ShareCandidateSerializer, TokenSerializer, ProfileSerializer, MemberSerializer
KEPT = [("app/serializers.py", 10), ("app/serializers.py", 14), ("app/serializers.py", 31)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "serializers.py").write_text(SERIALIZERS)
    (tmp_path / "app" / "viewsets.py").write_text(VIEWSETS)
    return tmp_path


def collects(root: Path, *, jobs: int = 1, cache: bool = False, targets: list[Path] | None = None) -> list[tuple[str, int]]:
    result = run(root, config=Config(), command="observe", jobs=jobs, cache=cache, targets=targets)
    return [(o.path, o.span.start_line) for o in result.observations if o.rule == RULE]


def test_a_serializer_every_use_of_which_answers_is_no_collect(tree: Path) -> None:
    assert collects(tree) == KEPT


def test_the_same_with_two_workers_from_a_warm_cache_and_for_one_target(tree: Path) -> None:
    cold = collects(tree, cache=True)
    assert collects(tree, cache=True) == cold == KEPT  # warm: every result from the cache
    shutil.rmtree(tree / ".policyscan_cache")
    assert collects(tree, jobs=2) == KEPT
    assert collects(tree, targets=[tree / "app" / "serializers.py"]) == KEPT


def test_an_input_use_in_a_third_module_keeps_the_fields(tree: Path) -> None:
    (tree / "app" / "forms.py").write_text(textwrap.dedent('''\
        from app.serializers import TokenSerializer

        def rotate(request):
            serializer = TokenSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
        '''))
    assert collects(tree) == sorted([*KEPT, ("app/serializers.py", 18)])


def test_the_serializers_module_alone_keeps_every_field_but_a_read_only_nested_one(tree: Path) -> None:
    # no use is seen but `ProfileSerializer(read_only=True)`, a field only ever sent, whatever its outer does
    (tree / "app" / "viewsets.py").unlink()
    assert collects(tree) == [("app/serializers.py", line) for line in (5, 6, 10, 14, 18, 26, 31)]


def uses(source: str) -> SchemaUses:
    found = module_uses(ast.parse(textwrap.dedent(source)), textwrap.dedent(source), ())
    assert found is not None
    return found


@pytest.mark.parametrize(("source", "answered", "other"), [
    # rendered: an instance given first and read as `.data`, `many=True` renders, dumps, response decorators
    ("def f(obj):\n    return Response(S1Serializer(obj).data)\n", {"S1Serializer"}, set()),
    ("def f(objs):\n    s = S1Serializer(objs, many=True)\n    return Response(s.data)\n", {"S1Serializer"}, set()),
    ("def f(objs):\n    return A1Schema(many=True).dump(objs)\n", {"A1Schema"}, set()),
    ("def f(objs):\n    s = A1Schema()\n    return s.dump(objs)\n", {"A1Schema"}, set()),
    ("@blp.response(200, A1Schema(many=True))\ndef f(): ...\n", {"A1Schema"}, set()),
    ("@app.output(A1Schema)\ndef f(): ...\n", {"A1Schema"}, set()),
    ("@blp.alt_response(201, schema=A1Schema)\ndef f(): ...\n", {"A1Schema"}, set()),
    ("@blp.response(200, schema=A1Schema(many=True))\ndef f(): ...\n", {"A1Schema"}, set()),
    ("@extend_schema(responses={200: S1Serializer, 404: ErrorSerializer})\ndef f(): ...\n",
     {"S1Serializer", "ErrorSerializer"}, set()),
    ("@router.get('/', response_model=list[A1Schema])\ndef f(): ...\n", {"A1Schema"}, set()),
    ("for n, s in [('A', A1Schema)]:\n    api.spec.components.schema(n, schema=s())\n", {"A1Schema"}, set()),
    # taken in, or a use not read: data given, loaded, validated, bound, passed, subclassed, named in a string
    ("def f(request):\n    s = S1Serializer(data=request.data)\n", set(), {"S1Serializer"}),
    ("def f(obj, request):\n    s = S1Serializer(obj, data=request.data, partial=True)\n", set(), {"S1Serializer"}),
    ("def f(payload):\n    return A1Schema().load(payload)\n", set(), {"A1Schema"}),
    ("def f(obj):\n    s = S1Serializer(obj)\n    s.is_valid()\n    return s.data\n", set(), {"S1Serializer"}),
    ("def f(obj):\n    s = S1Serializer(obj)\n    return helper(s)\n", set(), {"S1Serializer"}),
    ("def f():\n    s = A1Schema()\n    return s\n", set(), {"A1Schema"}),
    ("@blp.arguments(A1Schema, location='json')\ndef f(args): ...\n", set(), {"A1Schema"}),
    ("@extend_schema(request=S1Serializer)\ndef f(): ...\n", set(), {"S1Serializer"}),
    ("SERIALIZER = S1Serializer\n", set(), {"S1Serializer"}),
    ("registry = {'user': 'S1Serializer'}\n", set(), {"S1Serializer"}),
    ("from app.serializers import S1Serializer as Shown\n", set(), {"S1Serializer"}),
    ("class V(viewsets.ModelViewSet):\n    serializer_class = S1Serializer\n", set(), {"S1Serializer"}),
    ("class V(viewsets.ReadOnlyModelViewSet):\n    serializer_class = S1Serializer\n"
     "    @action(detail=True, methods=['post'])\n    def rate(self, request, pk=None): ...\n", set(), {"S1Serializer"}),
    ("class V(generics.ListAPIView):\n    serializer_class = S1Serializer\n", {"S1Serializer"}, set()),
    # a subclass of a read-only view of the same module reads too; one of a writing or an unknown view does not
    ("class V(viewsets.ReadOnlyModelViewSet):\n    serializer_class = S1Serializer\n"
     "class W(V):\n    serializer_class = S2Serializer\n", {"S1Serializer", "S2Serializer"}, set()),
    ("class V(viewsets.ModelViewSet):\n    serializer_class = S1Serializer\n"
     "class W(V):\n    serializer_class = S2Serializer\n", set(), {"S1Serializer", "S2Serializer"}),
    ("class W(ProjectView):\n    serializer_class = S2Serializer\n", set(), {"S2Serializer"}),
    ("class V(viewsets.ReadOnlyModelViewSet):\n    serializer_class = S1Serializer\n"
     "class W(V):\n    serializer_class = S2Serializer\n    def perform_create(self, s): ...\n",
     {"S1Serializer"}, {"S2Serializer"}),
    # a docstring or an import by its own name says nothing
    ('"""S1Serializer renders."""\nfrom app.serializers import S1Serializer\n', set(), set()),
])
def test_each_use_is_read_as_an_answer_or_not(source: str, answered: set[str], other: set[str]) -> None:
    found = uses(source)
    assert (set(found.answered), set(found.other)) == (answered, other)


def test_a_field_or_a_subclass_is_a_use_as_its_outer_class() -> None:
    found = uses('''\
        class OuterSerializer(serializers.Serializer):
            items = InnerSerializer(many=True)
            more = serializers.ListField(child=OtherSerializer())

        class SubSerializer(BaseSerializer):
            class Meta:
                fields = BaseSerializer.Meta.fields + ("x",)

        class OuterSchema(Schema):
            people = fields.List(fields.Nested(PersonSchema))
        ''')
    # the library's bases are uses too (of no class of the project)
    assert set(found.nested) == {("InnerSerializer", "OuterSerializer"), ("OtherSerializer", "OuterSerializer"),
                                 ("BaseSerializer", "SubSerializer"), ("PersonSchema", "OuterSchema"),
                                 ("Serializer", "OuterSerializer"), ("Schema", "OuterSchema")}
    assert set(found.other) == set()


@pytest.mark.parametrize(("action", "answered"), [
    ('if self.action == "mine":', True),
    ('if self.action == "writes":\n                    return WriteSerializer\n                elif self.action == "mine":', True),
    ('if self.action == "writes":\n                    return WriteSerializer\n                elif self.action == "writes":', False),
    ('if self.action in ("mine", "theirs"):', True),
    ('if self.action == "mine" and self.request.method == "GET":', False),  # not one action test
    ('if self.request.method == "POST":', False),
    ('if self.action == "missing":', False),  # an action the class does not define (a mixin's create)
    ('if self.action == "writes":', False),
])
def test_get_serializer_class_answers_for_actions_that_only_render(action: str, answered: bool) -> None:
    found = uses(f'''\
        class V(viewsets.GenericViewSet):
            def get_serializer_class(self):
                {action}
                    return MineSerializer
                return OtherSerializer

            def mine(self, request):
                return Response(self.get_serializer(request.user.things(), many=True).data)

            def theirs(self, request):
                serializer = self.get_serializer(request.user.other_things(), many=True)
                return Response(serializer.data)

            def writes(self, request):
                serializer = self.get_serializer(data=request.data)
                serializer.is_valid(raise_exception=True)
        ''')
    assert ("MineSerializer" in found.answered, "MineSerializer" in found.other) == (answered, not answered)
    assert "OtherSerializer" in found.other  # the fallback: every other action


def test_answer_only_is_kept_to_classes_an_answer_reaches() -> None:
    entries = [
        SchemaUses(answered=frozenset({"AnswerSchema"}),
                   nested=frozenset({("PartSchema", "AnswerSchema"), ("BothSchema", "AnswerSchema"),
                                     ("BothSchema", "InputSchema"), ("LoopASchema", "LoopBSchema"),
                                     ("LoopBSchema", "LoopASchema")})),
        SchemaUses(other=frozenset({"InputSchema"})),
    ]
    # a part of an answer only; not one also nested in an input schema, nor two naming only each other
    assert answer_only(entries) == {"AnswerSchema", "PartSchema"}
