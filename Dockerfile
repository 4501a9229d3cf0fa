# newsbot: `newsbot run` in a slim image, as a user that is not root.
# Build: docker build -t newsbot .   Run: see the README's Deployment section.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY digests ./digests
COPY bot ./bot
RUN pip install --no-cache-dir --root-user-action=ignore --prefix=/install .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 newsbot && install -d -o newsbot -g newsbot /data
COPY --from=build /install /usr/local
USER newsbot
WORKDIR /home/newsbot
# without DATABASE_URL the SQLite file is /data/newsbot/newsbot.db: mount a volume at /data
ENV XDG_DATA_HOME=/data PORT=3000 PYTHONUNBUFFERED=1
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.cli.healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["newsbot"]
CMD ["run"]
