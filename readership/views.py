from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.client_ip import client_ip

from . import reading


@csrf_exempt  # sent by navigator.sendBeacon from cached pages: no token there
@require_POST
def read_beacon(request: HttpRequest, pk: int) -> HttpResponse:
    """204 whether or not the read counted: a client learns nothing about
    its limits; 403 to a request another site's page sent."""
    if reading.is_cross_site(request):
        return HttpResponse(status=403)
    if not reading.is_robot(request.headers.get("User-Agent", "")):
        reading.record_read(pk, client=client_ip(request))
    return HttpResponse(status=204)
