from django.shortcuts import render


def home(request):
    return render(request, "ppta_demo/home.html")
