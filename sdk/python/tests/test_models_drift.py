"""The hand-written models (models.py, which also run under Pyodide) against the ones generated from wit/ (types_gen.py):
the same field names, literal values inside the generated enums, and the same operation set."""
from typing import Literal, get_args, get_origin

import pytest

from mockforge_plugin import models, types_gen

# Hand-written model → its generated counterpart (names differ where the SDK kept MockForge's older names).
PAIRS = {
    "PluginContext": "PluginContext",
    "AuthCredentials": "AuthCredentials",
    "UserIdentity": "UserIdentity",
    "AuthResult": "AuthResult",
    "TemplateFunctionParameter": "FunctionParameter",
    "TemplateFunction": "FunctionDescriptor",
    "ResponseRequest": "ResponseRequest",
    "ResponseData": "ResponseData",
    "DataQuery": "DataQuery",
    "DataColumn": "ColumnInfo",
    "DataRow": "DataRow",
    "DataResult": "DataResult",
    "AuthenticateRequest": "AuthenticateRequest",
    "ListFunctionsRequest": "ListFunctionsRequest",
    "ExecuteFunctionRequest": "ExecuteFunctionRequest",
    "GenerateResponseRequest": "GenerateResponseRequest",
    "QueryRequest": "QueryRequest",
    "GetCapabilitiesRequest": "GetCapabilitiesRequest",
}


@pytest.mark.parametrize("hand,gen", sorted(PAIRS.items()))
def test_same_fields_as_the_generated_model(hand, gen):
    mine = set(getattr(models, hand).model_fields)
    theirs = set(getattr(types_gen, gen).model_fields)
    assert sorted(mine - theirs) == [], f"models.{hand} has fields wit/ does not know"
    assert sorted(theirs - mine) == [], f"models.{hand} lacks fields of types_gen.{gen}"


def test_every_request_model_is_checked():
    assert {m.__name__ for m in models.REQUEST_MODELS.values()} <= set(PAIRS)


def _literal_values(annotation):
    """The values of a Literal[...] annotation, also inside Optional[...]."""
    if get_origin(annotation) is Literal:
        return set(get_args(annotation))
    return set().union(*(_literal_values(a) for a in get_args(annotation)))


def test_literals_are_cases_of_the_generated_enums():
    assert set(get_args(models.ErrorCode)) <= {c.value for c in types_gen.ErrorCode}
    assert _literal_values(models.DataQuery.model_fields["query_type"].annotation) == {c.value for c in types_gen.QueryType}


def test_one_request_model_per_operation():
    assert set(models.REQUEST_MODELS) == set(models.HTTP_PATHS)
