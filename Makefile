# e-Kinerja — the two set-up commands are `make run` and `make test`.
UV := ./scripts/uv
MANAGE := $(UV) run python manage.py

.PHONY: run test env migrate demo lint format messages bench check-deploy clean

run: env migrate demo  ## app + task runner on 127.0.0.1:8000 (SQLite, no Redis needed)
	$(UV) run python scripts/jalankan.py

test: env  ## the whole suite (CI=true: real PostgreSQL + Redis)
	./scripts/tes.sh

env:
	$(UV) sync --frozen

migrate:
	$(MANAGE) migrate --noinput

demo:
	$(MANAGE) seed_demo
	$(MANAGE) buat_sertifikat_demo

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format:
	$(UV) run ruff format .
	$(UV) run ruff check --fix .

messages:  ## refresh the English catalogue (needs GNU gettext)
	$(MANAGE) makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore '.tools/*'
	$(MANAGE) compilemessages -l en --ignore '.venv/*' --ignore '.tools/*'

bench: env  ## kabupaten-scale data on PostgreSQL, query plans, load benchmark (bench/README.md)
	./bench/run.sh

check-deploy:
	DEBUG=false SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=ekinerja.example.go.id $(MANAGE) check --deploy

clean:
	rm -rf var staticfiles .pytest_cache
