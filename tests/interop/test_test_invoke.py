"""TestInvokeMethod through boto3 against a real `tollgate control-plane`: a MOCK method with a
template and an HTTP_PROXY method to a `tollgate echo` backend, both run from the API's current
definition without a deployment (docs/compatibility.md, "TestInvokeMethod")."""
import json

from test_echo import start_echo


def test_test_invoke_method_runs_mock_and_http_methods(control_plane):
    client = control_plane.client()
    api = client.create_rest_api(name="test-invoke")
    api_id, root = api["id"], api["rootResourceId"]

    mock = client.create_resource(restApiId=api_id, parentId=root, pathPart="mock")["id"]
    client.put_method(restApiId=api_id, resourceId=mock, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api_id, resourceId=mock, httpMethod="GET", type="MOCK",
                           requestTemplates={"application/json": '{"statusCode": 200}'})
    client.put_method_response(restApiId=api_id, resourceId=mock, httpMethod="GET", statusCode="200",
                               responseParameters={"method.response.header.X-Mock": False})
    client.put_integration_response(
        restApiId=api_id, resourceId=mock, httpMethod="GET", statusCode="200",
        responseTemplates={"application/json": '{"q": "$input.params(\'q\')", "color": "$stageVariables.color"}'},
        responseParameters={"method.response.header.X-Mock": "'yes'"})

    result = client.test_invoke_method(restApiId=api_id, resourceId=mock, httpMethod="GET",
                                       pathWithQueryString="/mock?q=hi", stageVariables={"color": "red"})
    assert result["status"] == 200
    assert json.loads(result["body"]) == {"q": "hi", "color": "red"}
    assert result["headers"]["X-Mock"] == "yes"
    assert result["multiValueHeaders"]["X-Mock"] == ["yes"]
    assert "Method completed with status: 200" in result["log"]
    assert isinstance(result["latency"], int)

    echo, echo_port = start_echo()
    try:
        proxy = client.create_resource(restApiId=api_id, parentId=root, pathPart="{proxy+}")["id"]
        client.put_method(restApiId=api_id, resourceId=proxy, httpMethod="ANY", authorizationType="NONE",
                          requestParameters={"method.request.path.proxy": True})
        client.put_integration(restApiId=api_id, resourceId=proxy, httpMethod="ANY", type="HTTP_PROXY",
                               integrationHttpMethod="ANY", uri=f"http://127.0.0.1:{echo_port}/backend/{{proxy}}",
                               requestParameters={"integration.request.path.proxy": "method.request.path.proxy"})
        result = client.test_invoke_method(restApiId=api_id, resourceId=proxy, httpMethod="ANY",
                                           pathWithQueryString="/a/b?x=1", headers={"X-Probe": "p"})
        assert result["status"] == 200
        echoed = json.loads(result["body"])
        assert echoed["path"] == "/backend/a/b"
        assert echoed["query"] == "x=1"
        assert ["X-Probe", "p"] in echoed["headers"]
    finally:
        echo.terminate()
        echo.wait(timeout=10)

    # An unknown method is AWS's 404.
    try:
        client.test_invoke_method(restApiId=api_id, resourceId=mock, httpMethod="POST")
        raise AssertionError("expected NotFoundException")
    except client.exceptions.NotFoundException:
        pass
