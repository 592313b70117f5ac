"""The subset of pydantic 2 the MockForge Python SDK's models use, for Pyodide.

pydantic's core is a compiled extension that the npm `pyodide` package does not ship (and the host never fetches
packages from a CDN), so Python plugins under Pyodide get this stand-in: BaseModel with type-checked fields
(str, int, float, bool, Any, Optional, List, Dict, Literal, nested models), Field(default, default_factory, ge, le,
min_length), ConfigDict(extra=...), model_validate, model_dump(mode="json", exclude_none=...), ValidationError.errors().
"""
from __future__ import annotations

import sys
import typing
from typing import Any, Dict, List

__all__ = ["BaseModel", "ConfigDict", "Field", "ValidationError"]
_MISSING = object()


def ConfigDict(**kwargs: Any) -> Dict[str, Any]:  # noqa: N802 - pydantic's spelling
    return dict(kwargs)


class _FieldInfo:
    def __init__(self, default: Any = _MISSING, *, default_factory: Any = None, ge: Any = None, le: Any = None,
                 min_length: Any = None, description: Any = None, **_: Any):
        self.default = default
        self.default_factory = default_factory
        self.ge, self.le, self.min_length, self.description = ge, le, min_length, description


def Field(default: Any = _MISSING, **kwargs: Any) -> Any:  # noqa: N802
    return _FieldInfo(default, **kwargs)


class ValidationError(ValueError):
    def __init__(self, errors: List[Dict[str, Any]], title: str = "model"):
        self._errors = errors
        super().__init__(f"{len(errors)} validation error(s) for {title}: " + "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors))

    def errors(self) -> List[Dict[str, Any]]:
        return list(self._errors)


class _Problem(Exception):
    def __init__(self, loc: tuple, msg: str):
        super().__init__(msg)
        self.loc, self.msg = loc, msg


_CHECKERS: Dict[Any, Any] = {}


def _check(tp: Any, value: Any, loc: tuple) -> Any:
    return _checker(tp)(value, loc)


def _checker(tp: Any) -> Any:
    """A checker per type, built once: a warm call must not walk typing's introspection for every field."""
    try:
        return _CHECKERS[tp]
    except (KeyError, TypeError):
        pass
    made = _make_checker(tp)
    try:
        _CHECKERS[tp] = made
    except TypeError:  # an unhashable annotation: build it each time
        pass
    return made


def _make_checker(tp: Any) -> Any:
    if tp is Any or tp is object:
        return lambda value, loc: value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or (sys.version_info >= (3, 10) and origin is getattr(__import__("types"), "UnionType", None)):
        optional = type(None) in args
        inner = [_checker(a) for a in args if a is not type(None)]

        def check_union(value: Any, loc: tuple) -> Any:
            if value is None and optional:
                return None
            problems = []
            for c in inner:
                try:
                    return c(value, loc)
                except _Problem as p:
                    problems.append(p)
            raise problems[0] if problems else _Problem(loc, "Input should not be None")
        return check_union
    if origin is typing.Literal:
        def check_literal(value: Any, loc: tuple) -> Any:
            if value in args:
                return value
            raise _Problem(loc, f"Input should be {' or '.join(repr(a) for a in args)}")
        return check_literal
    if origin in (list, List):
        item = _checker(args[0]) if args else None

        def check_list(value: Any, loc: tuple) -> Any:
            if not isinstance(value, (list, tuple)):
                raise _Problem(loc, "Input should be a valid list")
            return list(value) if item is None else [item(v, loc + (i,)) for i, v in enumerate(value)]
        return check_list
    if origin in (dict, Dict):
        val = _checker(args[1]) if len(args) > 1 else None

        def check_dict(value: Any, loc: tuple) -> Any:
            if not isinstance(value, dict):
                raise _Problem(loc, "Input should be a valid dictionary")
            return dict(value) if val is None else {k: val(v, loc + (k,)) for k, v in value.items()}
        return check_dict
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        def check_model(value: Any, loc: tuple) -> Any:
            if isinstance(value, tp):
                return value
            if not isinstance(value, dict):
                raise _Problem(loc, f"Input should be a valid dictionary or instance of {tp.__name__}")
            return tp._validate(value, loc)
        return check_model
    if tp is bool:
        def check_bool(value: Any, loc: tuple) -> Any:
            if value is True or value is False:
                return value
            raise _Problem(loc, "Input should be a valid boolean")
        return check_bool
    if tp is int:
        def check_int(value: Any, loc: tuple) -> Any:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if isinstance(value, float) and value.is_integer():
                return int(value)
            raise _Problem(loc, "Input should be a valid integer")
        return check_int
    if tp is float:
        def check_float(value: Any, loc: tuple) -> Any:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            raise _Problem(loc, "Input should be a valid number")
        return check_float
    if tp is str:
        def check_str(value: Any, loc: tuple) -> Any:
            if isinstance(value, str):
                return value
            raise _Problem(loc, "Input should be a valid string")
        return check_str
    return lambda value, loc: value


class BaseModel:
    model_config: Dict[str, Any] = {}

    @classmethod
    def _fields(cls) -> Dict[str, Any]:
        cached = cls.__dict__.get("_mf_fields")
        if cached is not None:
            return cached
        module = sys.modules.get(cls.__module__)
        hints = typing.get_type_hints(cls, globalns=vars(module) if module else None, include_extras=False)
        fields = {}
        for name, tp in hints.items():
            if name.startswith("_") or name == "model_config" or typing.get_origin(tp) is typing.ClassVar:
                continue
            default = getattr(cls, name, _MISSING)
            info = default if isinstance(default, _FieldInfo) else _FieldInfo(default)
            fields[name] = (tp, info, _checker(tp))
        cls._mf_fields = fields
        return fields

    def __init__(self, **data: Any):
        validated = type(self)._validate(data, ())
        self.__dict__.update(validated.__dict__)

    @classmethod
    def _plan(cls) -> tuple:
        """Per field (name, checker, its bounds or None, default_factory, default), built once: the warm path of
        _validate reads no attribute it does not need (a Python call under Pyodide pays for every one)."""
        cached = cls.__dict__.get("_mf_plan")
        if cached is not None:
            return cached
        plan = tuple(
            (name, check, info if info.ge is not None or info.le is not None or info.min_length is not None else None,
             info.default_factory, info.default)
            for name, (_tp, info, check) in cls._fields().items())
        cls._mf_plan = plan
        return plan

    @classmethod
    def _validate(cls, data: Dict[str, Any], loc: tuple) -> "BaseModel":
        errors: List[Dict[str, Any]] = []
        values: Dict[str, Any] = {}
        for name, check, bounds, factory, default in cls._plan():
            if name in data:
                here = loc + (name,)
                try:
                    v = check(data[name], here)
                    if bounds is not None and v is not None:
                        if bounds.ge is not None and v < bounds.ge:
                            raise _Problem(here, f"Input should be greater than or equal to {bounds.ge}")
                        if bounds.le is not None and v > bounds.le:
                            raise _Problem(here, f"Input should be less than or equal to {bounds.le}")
                        if bounds.min_length is not None and len(v) < bounds.min_length:
                            raise _Problem(here, f"String should have at least {bounds.min_length} character")
                    values[name] = v
                except _Problem as p:
                    errors.append({"loc": p.loc, "msg": p.msg, "type": "value_error"})
                except ValidationError as e:
                    errors.extend(e.errors())
            elif factory is not None:
                values[name] = factory()
            elif default is not _MISSING:
                values[name] = default
            else:
                errors.append({"loc": loc + (name,), "msg": "Field required", "type": "missing"})
        if errors:
            raise ValidationError(errors, cls.__name__)
        obj = cls.__new__(cls)
        if cls.model_config.get("extra") == "allow":
            for k, v in data.items():
                if k not in values:
                    values[k] = v
        obj.__dict__.update(values)
        return obj

    @classmethod
    def model_validate(cls, data: Any) -> "BaseModel":
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise ValidationError([{"loc": (), "msg": f"Input should be a valid dictionary or instance of {cls.__name__}", "type": "model_type"}], cls.__name__)
        return cls._validate(data, ())

    def model_dump(self, mode: str = "python", exclude_none: bool = False, **_: Any) -> Dict[str, Any]:
        return {k: _dump(v, mode, exclude_none) for k, v in self.__dict__.items()
                if not k.startswith("_") and not (exclude_none and v is None)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _dump(v: Any, mode: str, exclude_none: bool) -> Any:
    if type(v) in _SCALARS:  # most values: no isinstance chain
        return v
    if isinstance(v, BaseModel):
        return v.model_dump(mode=mode, exclude_none=exclude_none)
    if isinstance(v, (list, tuple)):
        return [_dump(x, mode, exclude_none) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x, mode, exclude_none) for k, x in v.items() if not (exclude_none and x is None)}
    return v
