"""The application's routes, one module per page or group of pages, each an ``APIRouter``
included by :func:`reportgen.web.app.create_app`."""
