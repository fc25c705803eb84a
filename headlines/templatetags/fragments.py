"""`{% fragment "name" %}...{% endfragment %}`: a block of site furniture
rendered once per content version and edition (see newsroom/fragments.py).

Only for blocks that are the same on every page of an edition: nothing
that depends on the request, the user or the page's own object.
"""

from __future__ import annotations

from django import template

from newsroom.fragments import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        name = str(self.name.resolve(context))
        return cached_fragment(
            name, lambda: self.nodelist.render(context), context.get("request")
        )


@register.tag
def fragment(parser, token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)
